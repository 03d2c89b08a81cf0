import { Injectable } from '@nestjs/common';
import type { CommandResult, ProviderRefRequest, RequestContext } from '#libs/contracts';
import { commandMeta } from '#libs/messaging';
import { ProviderLookup } from '../../providers/provider-lookup.js';
import { ProviderRemoval } from '../../providers/provider-removal.js';

/** DELETE /virtual-keys/{slug}: refused (409 AB07) while a config or prompt names it; takes its private integration along. */
@Injectable()
export class DeleteVirtualKeyHandler {
  constructor(
    private readonly lookup: ProviderLookup,
    private readonly removal: ProviderRemoval,
  ) {}

  async execute(request: ProviderRefRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const { doc } = await this.lookup.find(request.ref, request.workspace_id, 'virtual_keys.delete', context, 'virtual key');
    await this.removal.ensureUnused(doc, context, 'virtual key');
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    return { data: {}, position: await this.removal.remove(doc._id, 'deleted', metadata, at) };
  }
}
