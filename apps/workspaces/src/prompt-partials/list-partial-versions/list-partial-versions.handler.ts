import { Inject, Injectable } from '@nestjs/common';
import { MAX_PAGE_SIZE, type ListResponse, type PartialVersionListItem, type RequestContext } from '#libs/contracts';
import { toPartialVersionListItem, type PartialVersionDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { PartialLookup } from '../partial-lookup.js';

/** GET /prompts/partials/{id}/versions: newest first, as `{data:[…]}`. */
@Injectable()
export class ListPartialVersionsHandler {
  constructor(
    private readonly lookup: PartialLookup,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(ref: string, context: RequestContext): Promise<ListResponse<PartialVersionListItem>> {
    const partial = await this.lookup.partial(ref, context);
    const versions = this.projections.collection<PartialVersionDoc>('prompt_partial_versions');
    const find = () => versions.find('byPartial', { eq: { partialId: partial._id }, limit: MAX_PAGE_SIZE, reverse: true });
    let page = await find();
    if (!page.docs.some((v) => v._id === partial.latestVersionId)) page = await this.projections.catchUp().then(find);
    return { object: 'list', total: page.total, data: page.docs.map((v) => toPartialVersionListItem(partial, v)) };
  }
}
