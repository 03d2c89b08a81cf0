import { Injectable } from '@nestjs/common';
import { requireOrg } from '#libs/authz';
import { pageOf, type LabelView, type ListLabelsQuery, type ListResponse, type RequestContext } from '#libs/contracts';
import { toLabelView, type LabelDoc } from '#libs/projections';
import { outsideWorkspace } from '../../prompt-library/library.errors.js';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { LIBRARY_PAGE_SIZE } from '../../prompt-library/paging.js';

/**
 * GET /labels: the organisation's labels plus the named (or the key's) workspace's; an admin key
 * naming no workspace sees every label of the organisation. Newest first.
 */
@Injectable()
export class ListLabelsHandler {
  constructor(private readonly access: LibraryAccess) {}

  async execute(query: ListLabelsQuery, context: RequestContext): Promise<ListResponse<LabelView>> {
    const orgId = requireOrg(context);
    if (query.organisation_id && query.organisation_id !== orgId) throw outsideWorkspace(`organisation ${query.organisation_id} was not found or is not accessible`);
    const { workspace: ws } = await this.access.listScope(context, query.workspace_id);
    const projections = await this.access.settle(context);
    const { skip, limit } = pageOf(query.page_size ?? LIBRARY_PAGE_SIZE, query.current_page);
    const where = query.search ? { nameLower: { $contains: query.search.toLowerCase() } } : undefined;
    const page = await projections
      .collection<LabelDoc>('prompt_labels')
      .find('byScope', { eq: ws ? { orgId, workspaceId: [null, ws._id] } : { orgId }, where, skip, limit, reverse: true });
    return { object: 'list', total: page.total, data: page.docs.map(toLabelView) };
  }
}
