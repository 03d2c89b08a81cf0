import { Injectable } from '@nestjs/common';
import type { CommandResult, RequestContext, UpdateIntegrationRequest } from '#libs/contracts';
import { commandMeta } from '#libs/messaging';
import { IntegrationAccess } from '../integration-access.js';
import { IntegrationWriter } from '../integration-writer.js';

/** PUT /integrations/{slug}: name, key, description, configurations, secret mappings. */
@Injectable()
export class UpdateIntegrationHandler {
  constructor(
    private readonly access: IntegrationAccess,
    private readonly writer: IntegrationWriter,
  ) {}

  async execute(request: UpdateIntegrationRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const { state, doc } = await this.access.forCommand(request.ref, 'update', context);
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    const c = request.changes;
    const position = await this.writer.update(
      state,
      { name: c.name, description: c.description, configurations: c.configurations, secret_mappings: c.secret_mappings, key: c.key },
      metadata,
      at,
    );
    return { data: {}, position };
  }
}
