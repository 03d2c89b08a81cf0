import { Injectable } from '@nestjs/common';
import { pageOf, type ListPartialsQuery, type ListResponse, type PartialListItem, type RequestContext } from '#libs/contracts';
import { toPartialListItem, type PartialDoc } from '#libs/projections';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { LIBRARY_PAGE_SIZE } from '../../prompt-library/paging.js';
import { collectionFor } from '../../prompts/prompt-collection.js';

/** GET /prompts/partials: a collection's or a workspace's partials, newest first, as `{data}`. */
@Injectable()
export class ListPartialsHandler {
  constructor(private readonly access: LibraryAccess) {}

  async execute(query: ListPartialsQuery, context: RequestContext): Promise<ListResponse<PartialListItem>> {
    const named = query.workspace_id ? await this.access.workspaceFor(context, query.workspace_id) : null;
    const collection = query.collection_id ? await collectionFor(this.access, query.collection_id, context, named?._id) : null;
    const ws = collection ? null : (named ?? (await this.access.workspaceFor(context)));
    const projections = await this.access.settle(context);
    const { skip, limit } = pageOf(query.page_size ?? LIBRARY_PAGE_SIZE, query.current_page);
    const where = query.search ? { nameLower: { $contains: query.search.toLowerCase() } } : undefined;
    const partials = projections.collection<PartialDoc>('prompt_partials');
    const page = collection
      ? await partials.find('byCollection', { eq: { collectionId: collection._id }, where, skip, limit, reverse: true })
      : await partials.find('byWorkspace', { eq: { orgId: ws!.orgId, workspaceId: ws!._id }, where, skip, limit, reverse: true });
    return { object: 'list', total: page.total, data: page.docs.map((doc) => toPartialListItem(doc)) };
  }
}
