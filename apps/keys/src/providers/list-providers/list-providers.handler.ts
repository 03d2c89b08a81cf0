import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal } from '#libs/authz';
import { pageOf, type ListProvidersQuery, type ListResponse, type ProviderView, type RequestContext } from '#libs/contracts';
import type { ProviderDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { authorise, targetWorkspace } from '../../shared/workspace-target.js';
import { ProviderViews } from '../provider-views.js';

/** GET /providers: one workspace's providers (virtual keys included), oldest first. */
@Injectable()
export class ListProvidersHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly views: ProviderViews,
  ) {}

  async execute(query: ListProvidersQuery, context: RequestContext): Promise<ListResponse<ProviderView>> {
    const principal = authPrincipal(context);
    const ws = (await targetWorkspace(this.projections, principal, query.workspace_id, context, { required: 'lists providers' }))!;
    authorise(principal, 'providers.list', ws._id);
    const { skip, limit } = pageOf(query.page_size, query.current_page);
    const { total, docs } = await this.projections.collection<ProviderDoc>('providers').find('byWorkspace', { eq: { orgId: principal.orgId, workspaceId: ws._id }, skip, limit });
    return { object: 'list', total, data: await this.views.providers(docs) };
  }
}
