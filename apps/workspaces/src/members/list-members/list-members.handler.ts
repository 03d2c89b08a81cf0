import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { pageOf, type ListMembersRequest, type ListResponse, type MemberView, type RequestContext } from '#libs/contracts';
import type { OrgMemberDoc, WorkspaceMemberDoc } from '#libs/projections';
import { MONGO_CONNECTION } from '#libs/read-models';
import { WorkspaceLookup } from '../../workspaces/workspace-lookup.js';
import { memberViews } from '../member-views.js';

/** GET /admin/workspaces/{id}/users, filtered by role and email. */
@Injectable()
export class ListMembersHandler {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly db: Connection,
    private readonly lookup: WorkspaceLookup,
  ) {}

  async execute(request: ListMembersRequest, context: RequestContext): Promise<ListResponse<MemberView>> {
    const ws = await this.lookup.inCallersOrg(request.workspaceId, context);
    const filter: Record<string, unknown> = { workspaceId: ws._id };
    if (request.query.role) filter.role = request.query.role;
    if (request.query.email) {
      const person = await this.db.collection<OrgMemberDoc>('org_members').findOne({ orgId: ws.orgId, email: request.query.email.toLowerCase() });
      filter._id = person ? `${ws._id}:${person.userId}` : '__nobody__';
    }
    const { skip, limit } = pageOf(request.query.page_size, request.query.current_page);
    const members = this.db.collection<WorkspaceMemberDoc>('workspace_members');
    const [total, docs] = await Promise.all([
      members.countDocuments(filter),
      members.find(filter).sort({ createdAt: 1, _id: 1 }).skip(skip).limit(limit).toArray(),
    ]);
    return { object: 'list', total, data: await memberViews(this.db, docs) };
  }
}

