import { Inject, Injectable } from '@nestjs/common';
import { pageOf, type ListMembersRequest, type ListResponse, type MemberView, type RequestContext } from '#libs/contracts';
import { workspaceMemberId, type OrgMemberDoc, type WorkspaceMemberDoc } from '#libs/projections';
import { PROJECTIONS, type Page, type ProjectionHost } from '#libs/read-models';
import { WorkspaceLookup } from '../../workspaces/workspace-lookup.js';
import { memberViews } from '../member-views.js';

/** GET /admin/workspaces/{id}/users, filtered by role and email. */
@Injectable()
export class ListMembersHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly lookup: WorkspaceLookup,
  ) {}

  async execute(request: ListMembersRequest, context: RequestContext): Promise<ListResponse<MemberView>> {
    const ws = await this.lookup.inCallersOrg(request.workspaceId, context);
    const { role, email } = request.query;
    const { skip, limit } = pageOf(request.query.page_size, request.query.current_page);
    const members = this.projections.collection<WorkspaceMemberDoc>('workspace_members');
    let page: Page<WorkspaceMemberDoc>;
    if (email) {
      // Emails are unique per organisation: at most one membership matches.
      const person = await this.projections.collection<OrgMemberDoc>('org_members').first('byEmail', { orgId: ws.orgId, email: email.toLowerCase() });
      const membership = person && (await members.get(workspaceMemberId(ws._id, person.userId)));
      const found = membership && (!role || membership.role === role) ? [membership] : [];
      page = { total: found.length, docs: found.slice(skip, skip + limit) };
    } else {
      page = role
        ? await members.find('byRole', { eq: { workspaceId: ws._id, role }, skip, limit })
        : await members.find('byWorkspace', { eq: { workspaceId: ws._id }, skip, limit });
    }
    return { object: 'list', total: page.total, data: await memberViews(this.projections, page.docs) };
  }
}

