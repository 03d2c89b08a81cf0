import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { pageOf, type ListResponse, type ListUsersQuery, type RequestContext, type UserView } from '#libs/contracts';
import type { OrgMemberDoc } from '#libs/projections';
import { MONGO_CONNECTION, PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { toUserView } from '../read-models/user.view.js';
import { requireOrg } from '#libs/authz';

@Injectable()
export class ListUsersHandler {
  constructor(
    @Inject(MONGO_CONNECTION) private readonly db: Connection,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(query: ListUsersQuery, context: RequestContext): Promise<ListResponse<UserView>> {
    await this.projections.waitFor(context.minPosition);
    const filter: Record<string, unknown> = { orgId: requireOrg(context) };
    if (query.role) filter.role = query.role;
    if (query.email) filter.email = query.email;
    const { skip, limit } = pageOf(query.pageSize, query.currentPage);
    const users = this.db.collection<OrgMemberDoc>('org_members');
    const [total, docs] = await Promise.all([
      users.countDocuments(filter),
      users.find(filter).sort({ createdAt: 1, _id: 1 }).skip(skip).limit(limit).toArray(),
    ]);
    return { object: 'list', total, data: docs.map(toUserView) };
  }
}
