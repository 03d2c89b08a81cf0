import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { authPrincipal } from '#libs/authz';
import { DomainError, toRateLimitList, type CommandResult, type CreatedRef, type CreateProviderRequest, type RequestContext } from '#libs/contracts';
import { commandMeta } from '#libs/messaging';
import { findIntegrationByRef } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { accessOf } from '../../integrations/domain/integration.decider.js';
import { integrationNotEnabled } from '../../integrations/domain/integration.errors.js';
import { IntegrationWriter } from '../../integrations/integration-writer.js';
import { authorise, targetWorkspace } from '../../shared/workspace-target.js';
import { expiresAt, plainObject } from '../provider-fields.js';
import { ProviderWriter } from '../provider-writer.js';

/**
 * POST /providers: a workspace's handle on an integration (by slug or id). The integration must
 * be the workspace's own or an organisation integration the workspace was given access to.
 */
@Injectable()
export class CreateProviderHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly integrations: IntegrationWriter,
    private readonly providers: ProviderWriter,
  ) {}

  async execute(request: CreateProviderRequest, context: RequestContext): Promise<CommandResult<CreatedRef>> {
    const principal = authPrincipal(context);
    const ws = (await targetWorkspace(this.projections, principal, request.workspace_id, context, 'default'))!;
    authorise(principal, 'providers.create', ws._id);
    const integration = await findIntegrationByRef(this.projections, principal.orgId, request.integration_id);
    const unknown = () => new DomainError('KEYS.INTEGRATION_NOT_FOUND', `integration_id: integration ${request.integration_id} was not found`, 400, { field: 'integration_id' });
    if (!integration || integration.private || (integration.workspaceId && integration.workspaceId !== ws._id)) throw unknown();
    if (!integration.workspaceId) {
      const state = await this.integrations.load(integration._id);
      if (!state.integration || state.deleted) throw unknown();
      if (!accessOf(state, ws._id)?.enabled) throw integrationNotEnabled(integration.slug, ws.slug);
    }
    const providerId = randomUUID();
    const { metadata, at } = commandMeta(context, { workspaceId: ws._id, resourceId: providerId });
    const { slug, position } = await this.providers.create(
      {
        providerId,
        orgId: principal.orgId,
        workspaceId: ws._id,
        slug: request.slug,
        name: request.name,
        note: request.note ?? null,
        integrationId: integration._id,
        aiProviderId: integration.aiProviderId,
        kind: 'provider',
        usageLimits: plainObject(request.usage_limits),
        rateLimits: toRateLimitList(request.rate_limits),
        expiresAt: expiresAt(request.expires_at, context),
        modelConfig: plainObject(request.model_config),
        createdBy: principal.userId ?? principal.keyId,
      },
      metadata,
      at,
    );
    return { data: { id: providerId, slug, object: 'provider' }, position };
  }
}
