import { authPrincipal, canGrantWorkspaceRole, maxGrantableWorkspaceRole, workspaceRoleAtLeast, type WorkspaceRole } from '#libs/authz';
import { DomainError, type RequestContext } from '#libs/contracts';

/**
 * Nobody grants a workspace role above their own, nor changes or removes someone whose role is
 * above theirs (a manager cannot demote an admin). Internal calls (invite acceptance) are trusted.
 */
export function assertMayManage(context: RequestContext, grant: WorkspaceRole | null, currentRole: WorkspaceRole | undefined): void {
  if (context.principal?.kind === 'system') return;
  const principal = authPrincipal(context);
  if (grant) {
    const decision = canGrantWorkspaceRole(principal, grant);
    if (!decision.allow) throw new DomainError('WORKSPACES.ROLE_CEILING', decision.reason, 403);
  }
  const max = maxGrantableWorkspaceRole(principal);
  if (currentRole && !workspaceRoleAtLeast(max, currentRole)) {
    throw new DomainError('WORKSPACES.ROLE_CEILING', `cannot change a member whose role (${currentRole}) is above the caller's own`, 403);
  }
}
