import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainError, type CommandResult, type IntegrationWorkspacesView, type ProviderEvents, type RequestContext, type UpdateIntegrationWorkspacesRequest, type WorkspaceAccessDto } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventMetadata, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import type { IntegrationDoc, IntegrationWorkspaceDoc, ProviderDoc, WorkspaceDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { ProviderWriter } from '../../providers/provider-writer.js';
import { workspaceInOrg } from '../../shared/workspace-target.js';
import { Streams } from '../../streams.js';
import { accessOf, integrationDecider, type WorkspaceAccessEntry } from '../domain/integration.decider.js';
import { notAnOrganisationIntegration } from '../domain/integration.errors.js';
import { IntegrationAccess } from '../integration-access.js';

const NO_ACCESS = { enabled: false, usage_limits: [], rate_limits: [] };

/**
 * `/integrations/{slug}/workspaces`: which workspaces may use an organisation integration, with
 * per-workspace limits (arrays, as Terraform decodes them). Entries are listed by workspace slug,
 * which Terraform matches directly or after resolving a uuid. A workspace newly given access gets
 * a default provider over the integration unless `create_default_provider` is false.
 */
@Injectable()
export class IntegrationWorkspacesHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly access: IntegrationAccess,
    private readonly providers: ProviderWriter,
  ) {}

  async list(ref: string, context: RequestContext): Promise<IntegrationWorkspacesView> {
    const { doc } = await this.access.authorised(ref, 'read', context);
    if (doc.workspaceId) throw notAnOrganisationIntegration(doc.slug);
    const { docs: entries } = await this.projections.collection<IntegrationWorkspaceDoc>('integration_workspaces').find('byIntegration', { eq: { integrationId: doc._id } });
    const workspaces = await this.projections.collection<WorkspaceDoc>('workspaces').getMany(entries.map((e) => e.workspaceId));
    const slugOf = new Map(workspaces.map((w) => [w._id, w.slug]));
    // Entries of deleted workspaces stay in the integration's history but are not shown.
    const shown = entries.filter((e) => slugOf.has(e.workspaceId));
    const global = doc.globalAccess ?? NO_ACCESS;
    return {
      total: shown.length,
      global_workspace_access: { enabled: global.enabled, usage_limits: global.usage_limits, rate_limits: global.rate_limits },
      workspaces: shown.map((e) => ({ id: slugOf.get(e.workspaceId)!, workspace_id: e.workspaceId, enabled: e.enabled, usage_limits: e.usageLimits, rate_limits: e.rateLimits })),
    };
  }

  async update(request: UpdateIntegrationWorkspacesRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const { doc, state } = await this.access.forCommand(request.ref, 'update', context);
    if (doc.workspaceId) throw notAnOrganisationIntegration(doc.slug);
    const body = request.changes;
    const resolved = await this.resolve(body.workspaces ?? [], doc.orgId);
    const entries: WorkspaceAccessEntry[] = resolved.map(({ ws, entry }) => ({
      workspaceId: ws._id,
      enabled: entry.enabled,
      usage_limits: entry.usage_limits ?? [],
      rate_limits: entry.rate_limits ?? [],
    }));
    const g = body.global_workspace_access;
    const global: ProviderEvents.WorkspaceAccess | undefined = g ? { enabled: g.enabled, usage_limits: g.usage_limits ?? [], rate_limits: g.rate_limits ?? [] } : undefined;
    const override = body.override_existing_workspace_access ?? body.override_existing_workspaces_access ?? false;
    const { metadata, at } = commandMeta(context, { resourceId: doc._id });
    const result = await handleCommand(
      this.store,
      Streams.integration(doc._id),
      integrationDecider,
      { type: 'SetWorkspaceAccess', integrationId: doc._id, workspaces: entries, ...(global ? { global } : {}), override, at },
      { metadata, maxRetries: 10 },
    );
    let position = result.position;
    for (const { ws, entry } of resolved) {
      const wanted = entry.create_default_provider ?? body.create_default_provider ?? true;
      if (!wanted || !entry.enabled || accessOf(state, ws._id)?.enabled) continue;
      const slug = entry.default_provider_slug ?? body.default_provider_slug ?? doc.slug;
      position = Math.max(position, await this.defaultProvider(doc, ws, slug, context, metadata, at));
    }
    return { data: {}, position };
  }

  private async resolve(entries: WorkspaceAccessDto[], orgId: string): Promise<Array<{ ws: WorkspaceDoc; entry: WorkspaceAccessDto }>> {
    const out: Array<{ ws: WorkspaceDoc; entry: WorkspaceAccessDto }> = [];
    for (const [i, entry] of entries.entries()) {
      const ws = await workspaceInOrg(this.projections, entry.id, orgId);
      if (!ws) throw new DomainError('KEYS.WORKSPACE_NOT_FOUND', `workspaces.${i}.id: workspace ${entry.id} was not found`, 400, { field: `workspaces.${i}.id` });
      out.push({ ws, entry });
    }
    return out;
  }

  /** A provider over the integration in a workspace that just got access, unless it has one. */
  private async defaultProvider(doc: IntegrationDoc, ws: WorkspaceDoc, slug: string, context: RequestContext, metadata: EventMetadata, at: string): Promise<number> {
    await this.projections.catchUp();
    const existing = await this.projections.collection<ProviderDoc>('providers').first('byIntegration', { integrationId: doc._id }, { workspaceId: ws._id });
    if (existing) return 0;
    const providerId = randomUUID();
    try {
      const { position } = await this.providers.create(
        {
          providerId,
          orgId: doc.orgId,
          workspaceId: ws._id,
          slug,
          name: doc.name,
          note: null,
          integrationId: doc._id,
          aiProviderId: doc.aiProviderId,
          kind: 'provider',
          usageLimits: null,
          rateLimits: [],
          expiresAt: null,
          modelConfig: null,
          createdBy: context.principal?.userId ?? context.principal?.keyId ?? 'system',
        },
        { ...metadata, workspaceId: ws._id },
        at,
      );
      return position;
    } catch (error) {
      // The workspace already has a provider of that slug: it keeps it, and gets no default.
      if ((error as { code?: string }).code === 'KEYS.SLUG_TAKEN') return 0;
      throw error;
    }
  }
}

