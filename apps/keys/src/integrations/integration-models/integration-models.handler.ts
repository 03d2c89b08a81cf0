import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, DeleteIntegrationModelsRequest, IntegrationModelsView, ProviderEvents, RequestContext, UpdateIntegrationModelsRequest } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { toModelsView } from '#libs/projections';
import { Streams } from '../../streams.js';
import { integrationDecider } from '../domain/integration.decider.js';
import { IntegrationAccess } from '../integration-access.js';

/**
 * `/integrations/{slug}/models`: which models the integration offers. A PUT adds or replaces the
 * models it names (Terraform sends one at a time) and may set `allow_all_models`; a DELETE
 * removes the named ones (`?slugs=a,b` from the SDK, a `{models: [...]}` body from Terraform).
 */
@Injectable()
export class IntegrationModelsHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: IntegrationAccess,
  ) {}

  async list(ref: string, context: RequestContext): Promise<IntegrationModelsView> {
    const { doc } = await this.access.authorised(ref, 'read', context);
    return toModelsView(doc);
  }

  async update(request: UpdateIntegrationModelsRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const { doc } = await this.access.forCommand(request.ref, 'update', context);
    const models: ProviderEvents.IntegrationModel[] = (request.changes.models ?? []).map((m) => ({
      slug: m.slug,
      enabled: m.enabled,
      is_custom: m.is_custom ?? false,
      is_finetune: m.is_finetune ?? false,
      base_model_slug: m.base_model_slug ?? null,
      configurations: m.configurations ?? null,
      pricing_config: m.pricing_config ?? null,
    }));
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    const result = await handleCommand(
      this.store,
      Streams.integration(doc._id),
      integrationDecider,
      { type: 'UpsertModels', integrationId: doc._id, models, ...(request.changes.allow_all_models !== undefined ? { allowAllModels: request.changes.allow_all_models } : {}), at },
      { metadata, maxRetries: 10 },
    );
    return { data: {}, position: result.position };
  }

  async remove(request: DeleteIntegrationModelsRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const { doc } = await this.access.forCommand(request.ref, 'update', context);
    const slugs = [...(request.slugs ?? '').split(','), ...(request.models ?? [])].map((s) => s.trim()).filter(Boolean);
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    const result = await handleCommand(this.store, Streams.integration(doc._id), integrationDecider, { type: 'RemoveModels', integrationId: doc._id, slugs, at }, { metadata, maxRetries: 10 });
    return { data: {}, position: result.position };
  }
}
