import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { authPrincipal } from '#libs/authz';
import type { CommandResult, CreatedRef, CreateIntegrationRequest, RequestContext } from '#libs/contracts';
import { commandMeta } from '#libs/messaging';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { authorise, targetWorkspace } from '../../shared/workspace-target.js';
import { integrationAction } from '../integration-access.js';
import { IntegrationWriter } from '../integration-writer.js';

/**
 * POST /integrations: an organisation integration (admin keys), or a workspace-scoped one when a
 * workspace is named; workspace keys always create in their own workspace.
 */
@Injectable()
export class CreateIntegrationHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly writer: IntegrationWriter,
  ) {}

  async execute(request: CreateIntegrationRequest, context: RequestContext): Promise<CommandResult<CreatedRef>> {
    const principal = authPrincipal(context);
    const ws = await targetWorkspace(this.projections, principal, request.workspace_id, context, 'none');
    const workspaceId = ws?._id ?? null;
    authorise(principal, integrationAction({ workspaceId }, 'create'), workspaceId);
    const integrationId = randomUUID();
    const { metadata, at } = commandMeta(context, { workspaceId, resourceId: integrationId });
    const { slug, position } = await this.writer.create(
      {
        integrationId,
        orgId: principal.orgId,
        workspaceId,
        private: false,
        slug: request.slug,
        name: request.name,
        aiProviderId: request.ai_provider_id,
        description: request.description ?? null,
        key: request.key,
        configurations: request.configurations,
        secretMappings: request.secret_mappings ?? null,
        createdBy: principal.userId ?? principal.keyId,
      },
      metadata,
      at,
    );
    return { data: { id: integrationId, slug, object: 'integration' }, position };
  }
}
