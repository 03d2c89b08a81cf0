import { Injectable } from '@nestjs/common';
import type { ProviderRefRequest, ProviderView, RequestContext } from '#libs/contracts';
import { ProviderLookup } from '../provider-lookup.js';
import { ProviderViews } from '../provider-views.js';

/** GET /providers/{slug}?workspace_id=: by slug or id. */
@Injectable()
export class GetProviderHandler {
  constructor(
    private readonly lookup: ProviderLookup,
    private readonly views: ProviderViews,
  ) {}

  async execute(request: ProviderRefRequest, context: RequestContext): Promise<ProviderView> {
    const { doc } = await this.lookup.find(request.ref, request.workspace_id, 'providers.read', context);
    return (await this.views.providers([doc]))[0]!;
  }
}
