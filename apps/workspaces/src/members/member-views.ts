import { effectiveWorkspaceRole, roleRights } from '#libs/authz';
import type { MemberView } from '#libs/contracts';
import { orgMemberId, type OrgMemberDoc, type ReadModels, type WorkspaceMemberDoc } from '#libs/projections';

/** Joins memberships with organisation members for names, emails and organisation roles. */
export async function memberViews(models: ReadModels, memberships: WorkspaceMemberDoc[]): Promise<MemberView[]> {
  if (!memberships.length) return [];
  const people = await models.collection<OrgMemberDoc>('org_members').getMany(memberships.map((m) => orgMemberId(m.orgId, m.userId)));
  const byId = new Map(people.map((p) => [p.userId, p]));
  return memberships.map((m) => {
    const person = byId.get(m.userId);
    return {
      object: 'workspace-user',
      id: m.userId,
      first_name: person?.firstName ?? '',
      last_name: person?.lastName ?? '',
      email: person?.email ?? '',
      org_role: person?.role ?? 'member',
      role: m.role,
      status: 'active',
      workspace_id: m.workspaceId,
      scopes: [...roleRights(effectiveWorkspaceRole(person?.role, m.role))].sort(),
      settings: {},
      created_at: m.createdAt,
      last_updated_at: m.lastUpdatedAt,
    };
  });
}
