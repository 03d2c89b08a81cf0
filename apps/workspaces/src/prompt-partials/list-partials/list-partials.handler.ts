import { Injectable } from '@nestjs/common';
import { pageOf, type ListPartialsQuery, type ListResponse, type PartialListItem, type RequestContext } from '#libs/contracts';
import { toPartialListItem, type PartialDoc } from '#libs/projections';
import type { FindQuery } from '#libs/read-models';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { LIBRARY_PAGE_SIZE } from '../../prompt-library/paging.js';
import { collectionFor } from '../../prompts/prompt-collection.js';

/**
 * GET /prompts/partials: a collection's or a workspace's partials (an admin key naming neither:
 * the organisation's), newest first, as `{data}`.
 */
@Injectable()
export class ListPartialsHandler {
  constructor(private readonly access: LibraryAccess) {}

  async execute(query: ListPartialsQuery, context: RequestContext): Promise<ListResponse<PartialListItem>> {
    const { orgId, workspace } = await this.access.listScope(context, query.workspace_id);
    const collection = query.collection_id ? await collectionFor(this.access, query.collection_id, context, workspace?._id) : null;
    const projections = await this.access.settle(context);
    const { skip, limit } = pageOf(query.page_size ?? LIBRARY_PAGE_SIZE, query.current_page);
    const where = query.search ? { nameLower: { $contains: query.search.toLowerCase() } } : undefined;
    const find: FindQuery = { where, skip, limit, reverse: true };
    const partials = projections.collection<PartialDoc>('prompt_partials');
    const page = collection
      ? await partials.find('byCollection', { ...find, eq: { collectionId: collection._id } })
      : workspace
        ? await partials.find('byWorkspace', { ...find, eq: { orgId, workspaceId: workspace._id } })
        : await partials.find('byOrg', { ...find, eq: { orgId } });
    return { object: 'list', total: page.total, data: page.docs.map((doc) => toPartialListItem(doc)) };
  }
}
