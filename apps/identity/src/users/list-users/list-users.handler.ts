import { Inject, Injectable } from '@nestjs/common';
import { pageOf, type ListResponse, type ListUsersQuery, type RequestContext, type UserView } from '#libs/contracts';
import type { OrgMemberDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { toUserView } from '../read-models/user.view.js';
import { requireOrg } from '#libs/authz';

@Injectable()
export class ListUsersHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(query: ListUsersQuery, context: RequestContext): Promise<ListResponse<UserView>> {
    await this.projections.waitFor(context.minPosition);
    const orgId = requireOrg(context);
    const { skip, limit } = pageOf(query.pageSize, query.currentPage);
    const users = this.projections.collection<OrgMemberDoc>('org_members');
    const { total, docs } = query.email
      ? await users.find('byEmail', { eq: { orgId, email: query.email }, where: query.role ? { role: query.role } : undefined, skip, limit })
      : query.role
        ? await users.find('byRole', { eq: { orgId, role: query.role }, skip, limit })
        : await users.find('byOrg', { eq: { orgId }, skip, limit });
    return { object: 'list', total, data: docs.map(toUserView) };
  }
}
