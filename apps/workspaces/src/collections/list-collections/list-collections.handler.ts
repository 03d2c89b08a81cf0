import { Injectable } from '@nestjs/common';
import { pageOf, type CollectionView, type ListCollectionsQuery, type ListResponse, type RequestContext } from '#libs/contracts';
import { toCollectionView, type CollectionDoc } from '#libs/projections';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { LIBRARY_PAGE_SIZE } from '../../prompt-library/paging.js';
import { detailsOf } from '../collection-contents.js';
import { DefaultCollections } from '../default-collection.js';

/**
 * GET /collections: a workspace's collections (an admin key naming none: the organisation's),
 * newest first, with their counts.
 */
@Injectable()
export class ListCollectionsHandler {
  constructor(
    private readonly access: LibraryAccess,
    private readonly defaults: DefaultCollections,
  ) {}

  async execute(query: ListCollectionsQuery, context: RequestContext): Promise<ListResponse<CollectionView>> {
    const { orgId, workspace } = await this.access.listScope(context, query.workspace_id);
    await this.defaults.ensure(workspace ?? (await this.access.defaultWorkspace(orgId)), context);
    const projections = await this.access.settle(context);
    const { skip, limit } = pageOf(query.page_size ?? LIBRARY_PAGE_SIZE, query.current_page);
    const where = query.search ? { nameLower: { $contains: query.search.toLowerCase() } } : undefined;
    const collections = projections.collection<CollectionDoc>('prompt_collections');
    const page = workspace
      ? await collections.find('byWorkspace', { eq: { orgId, workspaceId: workspace._id }, where, skip, limit, reverse: true })
      : await collections.find('byOrg', { eq: { orgId }, where, skip, limit, reverse: true });
    const data = await Promise.all(page.docs.map(async (doc) => toCollectionView(doc, await detailsOf(projections, doc._id))));
    return { object: 'list', total: page.total, data };
  }
}
