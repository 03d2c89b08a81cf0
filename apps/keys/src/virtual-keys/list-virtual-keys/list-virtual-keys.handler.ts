import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal } from '#libs/authz';
import { pageOf, type ListResponse, type ListVirtualKeysQuery, type RequestContext, type VirtualKeyView } from '#libs/contracts';
import type { ProviderDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { ProviderViews } from '../../providers/provider-views.js';
import { authorise, targetWorkspace } from '../../shared/workspace-target.js';

/**
 * GET /virtual-keys: the workspace's providers in the legacy shape (those made through
 * /providers too: one resource, two views). An admin key naming no workspace sees its whole
 * organisation's.
 */
@Injectable()
export class ListVirtualKeysHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly views: ProviderViews,
  ) {}

  async execute(query: ListVirtualKeysQuery, context: RequestContext): Promise<ListResponse<VirtualKeyView>> {
    const principal = authPrincipal(context);
    const ws = await targetWorkspace(this.projections, principal, query.workspace_id, context, 'none');
    authorise(principal, 'virtual_keys.list', ws?._id ?? null);
    const { skip, limit } = pageOf(query.page_size, query.current_page);
    const providers = this.projections.collection<ProviderDoc>('providers');
    const { total, docs } = ws
      ? await providers.find('byWorkspace', { eq: { orgId: principal.orgId, workspaceId: ws._id }, skip, limit })
      : await providers.find('byOrg', { eq: { orgId: principal.orgId }, skip, limit });
    return { object: 'list', total, data: await this.views.virtualKeys(docs) };
  }
}
