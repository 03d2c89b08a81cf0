import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal } from '#libs/authz';
import { CONFIGS_DEFAULT_PAGE_SIZE, pageOf, type ConfigSummaryView, type ListConfigsQuery, type ListResponse, type RequestContext } from '#libs/contracts';
import { toConfigSummaryView, type ConfigDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { assertCan, targetWorkspace } from '../workspace-scope.js';

/** GET /configs: one workspace's configs (named, or the key's own), or an admin key's whole organisation. */
@Injectable()
export class ListConfigsHandler {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionHost) {}

  async execute(query: ListConfigsQuery, context: RequestContext): Promise<ListResponse<ConfigSummaryView>> {
    const principal = authPrincipal(context);
    await this.projections.waitFor(context.minPosition);
    const ws = await targetWorkspace(this.projections, principal, query.workspace_id);
    assertCan(principal, 'configs.list', { orgId: principal.orgId, workspaceId: ws?._id });
    const { skip, limit } = pageOf(query.page_size ?? CONFIGS_DEFAULT_PAGE_SIZE, query.current_page);
    const configs = this.projections.collection<ConfigDoc>('configs');
    const { total, docs } = ws
      ? await configs.find('byWorkspace', { eq: { orgId: principal.orgId, workspaceId: ws._id }, skip, limit })
      : await configs.find('byOrg', { eq: { orgId: principal.orgId }, skip, limit });
    return { object: 'list', total, data: docs.map(toConfigSummaryView) };
  }
}
