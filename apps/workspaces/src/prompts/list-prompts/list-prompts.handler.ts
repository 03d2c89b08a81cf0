import { Injectable } from '@nestjs/common';
import { pageOf, type ListPromptsQuery, type ListResponse, type PromptListItem, type RequestContext } from '#libs/contracts';
import { toPromptListItem, type PromptDoc } from '#libs/projections';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { LIBRARY_PAGE_SIZE } from '../../prompt-library/paging.js';
import { collectionFor } from '../prompt-collection.js';

/** GET /prompts: a collection's or a workspace's prompts, newest first; `search` matches names. */
@Injectable()
export class ListPromptsHandler {
  constructor(private readonly access: LibraryAccess) {}

  async execute(query: ListPromptsQuery, context: RequestContext): Promise<ListResponse<PromptListItem>> {
    const named = query.workspace_id ? await this.access.workspaceFor(context, query.workspace_id) : null;
    const collection = query.collection_id ? await collectionFor(this.access, query.collection_id, context, named?._id) : null;
    const ws = collection || named ? null : await this.access.workspaceFor(context);
    const projections = await this.access.settle(context);
    const { skip, limit } = pageOf(query.page_size ?? LIBRARY_PAGE_SIZE, query.current_page);
    const where = query.search ? { nameLower: { $contains: query.search.toLowerCase() } } : undefined;
    const prompts = projections.collection<PromptDoc>('prompts');
    const page = collection
      ? await prompts.find('byCollection', { eq: { collectionId: collection._id }, where, skip, limit, reverse: true })
      : await prompts.find('byWorkspace', { eq: { orgId: (named ?? ws)!.orgId, workspaceId: (named ?? ws)!._id }, where, skip, limit, reverse: true });
    return { object: 'list', total: page.total, data: page.docs.map(toPromptListItem) };
  }
}
