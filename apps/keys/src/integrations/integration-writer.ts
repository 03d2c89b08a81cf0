import { Inject, Injectable } from '@nestjs/common';
import type { ProviderEvents } from '#libs/contracts';
import { EVENT_STORE, foldState, handleCommand, type EventMetadata, type EventStore } from '#libs/event-store';
import { sealIntegrationSecrets, splitConfigurations } from '../secrets/integration-secrets.js';
import { SecretVault } from '../secrets/secret-vault.js';
import { releaseSlug, reserveSlug, type SlugScope } from '../slugs/slugs.js';
import { Streams } from '../streams.js';
import { integrationDecider, type IntegrationState } from './domain/integration.decider.js';

export interface NewIntegration {
  integrationId: string;
  orgId: string;
  workspaceId: string | null;
  private: boolean;
  /** Requested slug; without one, the name plus a random suffix. */
  slug?: string;
  name: string;
  aiProviderId: string;
  description: string | null;
  key?: string | null;
  configurations?: Record<string, unknown> | null;
  secretMappings?: unknown[] | null;
  createdBy: string;
}

export interface IntegrationChanges {
  name?: string;
  description?: string | null;
  /** The whole new set (secret fields sealed, masked echoes kept). */
  configurations?: Record<string, unknown> | null;
  secret_mappings?: unknown[] | null;
  key?: string | null;
}

const slugScope = (orgId: string): SlugScope => ({ stream: (slug) => Streams.integrationSlug(orgId, slug), scopeId: orgId });

/**
 * Writes integrations: slugs reserved per organisation (private ones, behind virtual keys, take
 * a slug derived from their id), credentials sealed before anything is appended.
 */
@Injectable()
export class IntegrationWriter {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly vault: SecretVault,
  ) {}

  async load(integrationId: string): Promise<IntegrationState> {
    return foldState(integrationDecider, await this.store.readStream(Streams.integration(integrationId)));
  }

  async create(spec: NewIntegration, metadata: EventMetadata, at: string): Promise<{ slug: string; position: number }> {
    const { plain, secret } = splitConfigurations(spec.configurations);
    const target = { orgId: spec.orgId, integrationId: spec.integrationId };
    // Seal first: a credential that cannot be sealed must not leave a reserved slug behind.
    const secrets = await sealIntegrationSecrets(this.vault, target, { key: spec.key ?? null, secretConfigurations: secret }, null, metadata);
    const slug = spec.private
      ? `pvk-${spec.integrationId}`
      : await reserveSlug(this.store, slugScope(spec.orgId), { slug: spec.slug, name: spec.name, fallback: 'integration', ownerId: spec.integrationId }, metadata, at);
    try {
      const result = await handleCommand(
        this.store,
        Streams.integration(spec.integrationId),
        integrationDecider,
        {
          type: 'CreateIntegration',
          integration: {
            integrationId: spec.integrationId,
            orgId: spec.orgId,
            workspaceId: spec.workspaceId,
            private: spec.private,
            slug,
            name: spec.name,
            aiProviderId: spec.aiProviderId,
            description: spec.description,
            configurations: plain,
            secretMappings: spec.secretMappings ?? null,
            ...secrets,
            createdBy: spec.createdBy,
          },
          at,
        },
        { metadata },
      );
      return { slug, position: result.position };
    } catch (error) {
      if (!spec.private) await releaseSlug(this.store, slugScope(spec.orgId), slug, spec.integrationId, metadata, at);
      throw error;
    }
  }

  async update(state: IntegrationState, changes: IntegrationChanges, metadata: EventMetadata, at: string): Promise<number> {
    const integration = state.integration!;
    const fields: Record<string, unknown> = {};
    for (const f of ['name', 'description', 'secret_mappings'] as const) if (changes[f] !== undefined) fields[f] = changes[f];
    const split = changes.configurations !== undefined ? splitConfigurations(changes.configurations) : null;
    if (split) fields.configurations = split.plain;
    const secrets =
      changes.key !== undefined || split
        ? await sealIntegrationSecrets(
            this.vault,
            { orgId: integration.orgId, integrationId: integration.integrationId },
            { ...(changes.key !== undefined ? { key: changes.key } : {}), ...(split ? { secretConfigurations: split.secret } : {}) },
            state.secrets,
            metadata,
          )
        : undefined;
    const result = await handleCommand(
      this.store,
      Streams.integration(integration.integrationId),
      integrationDecider,
      { type: 'UpdateIntegration', integrationId: integration.integrationId, changes: fields, ...(secrets ? { secrets } : {}), at },
      { metadata, maxRetries: 10 },
    );
    return result.position;
  }

  async delete(integrationId: string, reason: ProviderEvents.IntegrationDeleted['reason'], metadata: EventMetadata, at: string): Promise<number> {
    const result = await handleCommand(this.store, Streams.integration(integrationId), integrationDecider, { type: 'DeleteIntegration', integrationId, reason, at }, { metadata });
    const integration = result.state.integration!;
    if (!integration.private) await releaseSlug(this.store, slugScope(integration.orgId), integration.slug, integrationId, metadata, at);
    return result.position;
  }
}
