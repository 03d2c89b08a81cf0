import { Injectable } from '@nestjs/common';
import type { CommandResult, CreatedRef, RequestContext, UpdateProviderRequest } from '#libs/contracts';
import { commandMeta } from '#libs/messaging';
import { providerChanges } from '../provider-fields.js';
import { ProviderLookup } from '../provider-lookup.js';
import { ProviderWriter } from '../provider-writer.js';

/** PUT /providers/{slug}: name, note, limits, expiry, model config; answers `{id, slug}`. */
@Injectable()
export class UpdateProviderHandler {
  constructor(
    private readonly lookup: ProviderLookup,
    private readonly writer: ProviderWriter,
  ) {}

  async execute(request: UpdateProviderRequest, context: RequestContext): Promise<CommandResult<CreatedRef>> {
    const { doc } = await this.lookup.find(request.ref, request.workspace_id ?? request.changes.workspace_id, 'providers.update', context);
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    const { workspace_id: _ws, ...body } = request.changes;
    const position = await this.writer.update(doc._id, providerChanges(body as Record<string, unknown>, context), metadata, at);
    return { data: { id: doc._id, slug: doc.slug }, position };
  }
}
