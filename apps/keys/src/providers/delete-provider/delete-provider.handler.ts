import { Injectable } from '@nestjs/common';
import type { CommandResult, ProviderRefRequest, RequestContext } from '#libs/contracts';
import { commandMeta } from '#libs/messaging';
import { ProviderLookup } from '../provider-lookup.js';
import { ProviderRemoval } from '../provider-removal.js';

/** DELETE /providers/{slug}?workspace_id=: refused (409 AB07) while a config or prompt names it. */
@Injectable()
export class DeleteProviderHandler {
  constructor(
    private readonly lookup: ProviderLookup,
    private readonly removal: ProviderRemoval,
  ) {}

  async execute(request: ProviderRefRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const { doc } = await this.lookup.find(request.ref, request.workspace_id, 'providers.delete', context);
    await this.removal.ensureUnused(doc, context, 'provider');
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    return { data: {}, position: await this.removal.remove(doc._id, 'deleted', metadata, at) };
  }
}
