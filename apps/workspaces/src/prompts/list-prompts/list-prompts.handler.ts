import { Injectable } from '@nestjs/common';
import { pageOf, type ListPromptsQuery, type ListResponse, type PromptListItem, type RequestContext } from '#libs/contracts';
import { toPromptListItem, type PromptDoc } from '#libs/projections';
import type { FindQuery } from '#libs/read-models';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { LIBRARY_PAGE_SIZE } from '../../prompt-library/paging.js';
import { collectionFor } from '../prompt-collection.js';

/**
 * GET /prompts: a collection's or a workspace's prompts (an admin key naming neither: the
 * organisation's), newest first; `search` matches names.
 */
@Injectable()
export class ListPromptsHandler {
  constructor(private readonly access: LibraryAccess) {}

  async execute(query: ListPromptsQuery, context: RequestContext): Promise<ListResponse<PromptListItem>> {
    const { orgId, workspace } = await this.access.listScope(context, query.workspace_id);
    const collection = query.collection_id ? await collectionFor(this.access, query.collection_id, context, workspace?._id) : null;
    const projections = await this.access.settle(context);
    const { skip, limit } = pageOf(query.page_size ?? LIBRARY_PAGE_SIZE, query.current_page);
    const where = query.search ? { nameLower: { $contains: query.search.toLowerCase() } } : undefined;
    const find: FindQuery = { where, skip, limit, reverse: true };
    const prompts = projections.collection<PromptDoc>('prompts');
    const page = collection
      ? await prompts.find('byCollection', { ...find, eq: { collectionId: collection._id } })
      : workspace
        ? await prompts.find('byWorkspace', { ...find, eq: { orgId, workspaceId: workspace._id } })
        : await prompts.find('byOrg', { ...find, eq: { orgId } });
    return { object: 'list', total: page.total, data: page.docs.map(toPromptListItem) };
  }
}
