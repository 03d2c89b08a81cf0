import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { authPrincipal } from '#libs/authz';
import { toRateLimitList, type CommandResult, type CreatedVirtualKey, type CreateVirtualKeyRequest, type RequestContext } from '#libs/contracts';
import { commandMeta } from '#libs/messaging';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { IntegrationWriter } from '../../integrations/integration-writer.js';
import { expiresAt, plainObject } from '../../providers/provider-fields.js';
import { ProviderWriter } from '../../providers/provider-writer.js';
import { authorise, targetWorkspace } from '../../shared/workspace-target.js';
import { legacyConfigurations } from '../legacy-fields.js';

/**
 * POST /virtual-keys (legacy): a provider over a private integration holding the key, so the
 * virtual-key and provider views are one resource. Slug first, then the integration, then the
 * provider; a failure undoes what was done.
 */
@Injectable()
export class CreateVirtualKeyHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly integrations: IntegrationWriter,
    private readonly providers: ProviderWriter,
  ) {}

  async execute(request: CreateVirtualKeyRequest, context: RequestContext): Promise<CommandResult<CreatedVirtualKey>> {
    const principal = authPrincipal(context);
    const ws = (await targetWorkspace(this.projections, principal, request.workspace_id, context, 'default'))!;
    authorise(principal, 'virtual_keys.create', ws._id);
    const expiry = expiresAt(request.expires_at, context);
    const providerId = randomUUID();
    const integrationId = randomUUID();
    const { metadata, at } = commandMeta(context, { workspaceId: ws._id, resourceId: providerId });
    const slug = await this.providers.reserve(ws._id, { name: request.name, ownerId: providerId }, metadata, at);
    let integrationMade = false;
    try {
      await this.integrations.create(
        {
          integrationId,
          orgId: principal.orgId,
          workspaceId: ws._id,
          private: true,
          name: request.name,
          aiProviderId: request.provider,
          description: null,
          key: request.key || null,
          configurations: legacyConfigurations(request as unknown as Record<string, unknown>) ?? {},
          secretMappings: request.secret_mappings ?? null,
          createdBy: principal.userId ?? principal.keyId,
        },
        metadata,
        at,
      );
      integrationMade = true;
      const position = await this.providers.record(
        {
          providerId,
          orgId: principal.orgId,
          workspaceId: ws._id,
          slug,
          name: request.name,
          note: request.note ?? null,
          integrationId,
          aiProviderId: request.provider,
          kind: 'virtual-key',
          usageLimits: plainObject(request.usage_limits),
          rateLimits: toRateLimitList(request.rate_limits),
          expiresAt: expiry,
          modelConfig: plainObject(request.model_config),
          createdBy: principal.userId ?? principal.keyId,
        },
        metadata,
        at,
      );
      return { data: { id: providerId, slug, object: 'virtual-key', success: true, data: { slug, id: providerId } }, position };
    } catch (error) {
      if (integrationMade) await this.integrations.delete(integrationId, 'deleted', metadata, at).catch(() => undefined);
      await this.providers.release(ws._id, slug, providerId, metadata, at);
      throw error;
    }
  }
}
