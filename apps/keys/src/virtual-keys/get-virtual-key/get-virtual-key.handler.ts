import { Injectable } from '@nestjs/common';
import type { ProviderRefRequest, RequestContext, VirtualKeyView } from '#libs/contracts';
import { ProviderLookup } from '../../providers/provider-lookup.js';
import { ProviderViews } from '../../providers/provider-views.js';

/** GET /virtual-keys/{slug}: the masked key, never the key. */
@Injectable()
export class GetVirtualKeyHandler {
  constructor(
    private readonly lookup: ProviderLookup,
    private readonly views: ProviderViews,
  ) {}

  async execute(request: ProviderRefRequest, context: RequestContext): Promise<VirtualKeyView> {
    const { doc } = await this.lookup.find(request.ref, request.workspace_id, 'virtual_keys.read', context, 'virtual key');
    return (await this.views.virtualKeys([doc]))[0]!;
  }
}
