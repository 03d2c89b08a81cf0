import { Injectable } from '@nestjs/common';
import type { CommandResult, CreatedRef, RequestContext, UpdateVirtualKeyRequest } from '#libs/contracts';
import { commandMeta } from '#libs/messaging';
import { IntegrationWriter } from '../../integrations/integration-writer.js';
import { keyBelongsToIntegration, providerNotFound } from '../../providers/domain/provider.errors.js';
import { providerChanges } from '../../providers/provider-fields.js';
import { ProviderLookup } from '../../providers/provider-lookup.js';
import { ProviderWriter } from '../../providers/provider-writer.js';
import { legacyConfigurations } from '../legacy-fields.js';

/**
 * PUT /virtual-keys/{slug}: the provider's fields (name, note, limits, expiry) and its private
 * integration's (key, Azure deployments, configurations, secret mappings). A provider over a
 * shared integration has no key of its own to change.
 */
@Injectable()
export class UpdateVirtualKeyHandler {
  constructor(
    private readonly lookup: ProviderLookup,
    private readonly providers: ProviderWriter,
    private readonly integrations: IntegrationWriter,
  ) {}

  async execute(request: UpdateVirtualKeyRequest, context: RequestContext): Promise<CommandResult<CreatedRef & { object: 'virtual-key' }>> {
    const { doc } = await this.lookup.find(request.ref, request.workspace_id ?? request.changes.workspace_id, 'virtual_keys.update', context, 'virtual key');
    const body = request.changes as unknown as Record<string, unknown>;
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    const key = typeof body.key === 'string' && body.key !== '' ? body.key : undefined;
    const integrationTouched = key !== undefined || body.secret_mappings !== undefined || legacyConfigurations(body) !== undefined;
    let position = 0;
    if (integrationTouched) {
      const state = await this.integrations.load(doc.integrationId);
      if (!state.integration || state.deleted) throw providerNotFound(request.ref, 'virtual key');
      if (!state.integration.private) throw keyBelongsToIntegration(state.integration.slug);
      // Secret fields come back masked: unchanged ones keep their sealed value.
      const current = { ...(state.fields.configurations as Record<string, unknown>), ...state.secrets.maskedConfigurations };
      position = await this.integrations.update(
        state,
        { configurations: legacyConfigurations(body, current), ...(key !== undefined ? { key } : {}), ...(body.secret_mappings !== undefined ? { secret_mappings: body.secret_mappings as unknown[] } : {}) },
        metadata,
        at,
      );
    }
    const changes = providerChanges(body, context);
    if (Object.keys(changes).length) position = Math.max(position, await this.providers.update(doc._id, changes, metadata, at));
    return { data: { id: doc._id, slug: doc.slug, object: 'virtual-key' }, position };
  }
}
