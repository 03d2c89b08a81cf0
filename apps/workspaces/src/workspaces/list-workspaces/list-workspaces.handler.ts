import { Inject, Injectable } from '@nestjs/common';
import { requireOrg } from '#libs/authz';
import { pageOf, type ListResponse, type ListWorkspacesQuery, type RequestContext, type WorkspaceView } from '#libs/contracts';
import { PROJECTIONS, type Filter, type ProjectionHost } from '#libs/read-models';
import { toWorkspaceView, type WorkspaceDoc } from '#libs/projections';

/** GET /admin/workspaces: a workspace key sees only its own workspace. */
@Injectable()
export class ListWorkspacesHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(query: ListWorkspacesQuery, context: RequestContext): Promise<ListResponse<WorkspaceView>> {
    await this.projections.waitFor(context.minPosition);
    const orgId = requireOrg(context);
    const pinned = context.principal?.keyType !== 'organisation-service' ? context.principal?.workspaceId : undefined;
    const statuses = query.status
      ?.split(',')
      .map((s) => s.trim())
      .filter((s) => s === 'active' || s === 'archived');
    const where: Filter = {
      ...(query.exact_name === undefined && query.name ? { name: { $contains: query.name } } : {}),
      ...(pinned ? { _id: pinned } : {}),
    };
    const { skip, limit } = pageOf(query.page_size, query.current_page);
    const workspaces = this.projections.collection<WorkspaceDoc>('workspaces');
    const { total, docs } =
      query.exact_name !== undefined
        ? await workspaces.find('byName', { eq: { orgId, name: query.exact_name }, where: { ...where, ...(statuses ? { status: { $in: statuses } } : {}) }, skip, limit })
        : statuses
          ? await workspaces.find('byStatus', { eq: { orgId, status: statuses }, where, skip, limit })
          : await workspaces.find('byOrg', { eq: { orgId }, where, skip, limit });
    return { object: 'list', total, data: docs.map(toWorkspaceView) };
  }
}
