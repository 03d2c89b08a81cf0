import { can, effectiveWorkspaceRole, workspaceRoleAtLeast, type AuthPrincipal } from '#libs/authz';
import { DomainError } from '#libs/contracts';
import { findWorkspaceByRef, type ReadModels, type WorkspaceDoc } from '#libs/projections';

const MAX_WORKSPACES = 10_000;

export const forbidden = (reason: string, missing?: string) =>
  new DomainError('ANALYTICS.FORBIDDEN', missing ? `${reason} (missing permission: ${missing})` : reason, 403, { errorCode: 'AB03', ...(missing ? { missing } : {}) });

/**
 * The workspaces a query covers. Admin keys: every workspace of their organisation, or the one
 * `workspace_slug` names (a foreign or unknown one is refused as other routes refuse a foreign
 * workspace). Workspace keys: their own, whatever they pass. `analytics.view` is checked where the
 * data lives, so a user key also needs the right from its role.
 */
export async function analyticsWorkspaces(models: ReadModels, principal: AuthPrincipal, slug: string | undefined): Promise<WorkspaceDoc[]> {
  if (principal.keyType !== 'organisation-service') {
    const decision = can(principal, 'analytics.view', { orgId: principal.orgId, workspaceId: principal.workspaceId });
    if (!decision.allow) throw forbidden(decision.reason, decision.missing);
    if (!principal.workspaceId) throw forbidden('workspace API keys need a workspace');
    // The key's workspace is known from the key itself; the document only names it (slug).
    const own = await findWorkspaceByRef(models, principal.workspaceId);
    return [own && own.orgId === principal.orgId ? own : ({ _id: principal.workspaceId, orgId: principal.orgId, slug: principal.workspaceId } as WorkspaceDoc)];
  }
  const decision = can(principal, 'analytics.view', { orgId: principal.orgId, workspaceId: null });
  if (!decision.allow) throw forbidden(decision.reason, decision.missing);
  if (slug) {
    const ws = await findWorkspaceByRef(models, slug);
    if (!ws || ws.orgId !== principal.orgId) throw forbidden(`workspace ${slug} was not found or is not accessible`);
    return [ws];
  }
  const page = await models.collection<WorkspaceDoc>('workspaces').find('byOrg', { eq: { orgId: principal.orgId }, limit: MAX_WORKSPACES });
  return page.docs;
}

/** groups/members is for those who manage people: admin keys, workspace service keys, users who are managers or admins. */
export function assertManager(principal: AuthPrincipal): void {
  if (principal.keyType !== 'workspace-user') return;
  const role = effectiveWorkspaceRole(principal.orgRole, principal.workspaceRole);
  if (!workspaceRoleAtLeast(role, 'manager')) throw forbidden(`member usage is for workspace managers and admins (the user's role is ${role ?? 'no membership'})`);
}
