import { Injectable } from '@nestjs/common';
import type { GetPartialRequest, PartialView, RequestContext } from '#libs/contracts';
import { toPartialView } from '#libs/projections';
import { PartialLookup } from '../partial-lookup.js';

/** GET /prompts/partials/{id|slug}: the published version, or `?version=N` (which never reads differently). */
@Injectable()
export class GetPartialHandler {
  constructor(private readonly lookup: PartialLookup) {}

  async execute(request: GetPartialRequest, context: RequestContext): Promise<PartialView> {
    const partial = await this.lookup.partial(request.ref, context);
    return toPartialView(partial, await this.lookup.version(partial, request.version), request.version !== undefined);
  }
}
