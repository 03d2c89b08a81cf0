import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { requireOrg } from '#libs/authz';
import { pageOf, type ListResponse, type ListWorkspacesQuery, type RequestContext, type WorkspaceView } from '#libs/contracts';
import { MONGO_CONNECTION, PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { toWorkspaceView, type WorkspaceDoc } from '#libs/projections';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** GET /admin/workspaces: a workspace key sees only its own workspace. */
@Injectable()
export class ListWorkspacesHandler {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly db: Connection,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(query: ListWorkspacesQuery, context: RequestContext): Promise<ListResponse<WorkspaceView>> {
    await this.projections.waitFor(context.minPosition);
    const filter: Record<string, unknown> = { orgId: requireOrg(context) };
    const pinned = context.principal?.keyType !== 'organisation-service' ? context.principal?.workspaceId : undefined;
    if (pinned) filter._id = pinned;
    if (query.exact_name !== undefined) filter.name = query.exact_name;
    else if (query.name) filter.name = { $regex: escape(query.name) };
    if (query.status) {
      const statuses = query.status.split(',').map((s) => s.trim()).filter((s) => s === 'active' || s === 'archived');
      filter.status = { $in: statuses };
    }
    const { skip, limit } = pageOf(query.page_size, query.current_page);
    const workspaces = this.db.collection<WorkspaceDoc>('workspaces');
    const [total, docs] = await Promise.all([
      workspaces.countDocuments(filter),
      workspaces.find(filter).sort({ createdAt: 1, _id: 1 }).skip(skip).limit(limit).toArray(),
    ]);
    return { object: 'list', total, data: docs.map(toWorkspaceView) };
  }
}
