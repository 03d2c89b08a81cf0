import { effectiveScopes, type AuthPrincipal, type Decision } from './policy.js';
import { effectiveWorkspaceRole, orgRoleAtLeast, workspaceRoleAtLeast, type OrgRole, type WorkspaceRole } from './roles.js';
import { keyTypeMayHold, type KeyType } from './scopes.js';

export interface KeyGrant {
  type: KeyType;
  workspaceId: string | null;
  userId: string | null;
  scopes: readonly string[];
}

const deny = (reason: string, missing?: string): Decision => ({ allow: false, code: 'ROLE', reason, ...(missing ? { missing } : {}) });

/**
 * Attenuation: nobody mints or widens a key beyond what they hold. A key's scopes must be a
 * subset of the creator's effective scopes and valid for the key's type; a user may mint a user
 * key only for themselves; members cannot mint keys at all.
 */
export function canGrantKey(creator: AuthPrincipal, grant: KeyGrant): Decision {
  const scopes = canAddScopes(creator, grant.type, grant.scopes);
  if (!scopes.allow) return scopes;
  if (creator.keyType === 'workspace-user') {
    const role = effectiveWorkspaceRole(creator.orgRole, creator.workspaceRole);
    if (!workspaceRoleAtLeast(role, 'manager')) return deny('workspace members cannot create API keys');
    if (grant.type === 'workspace-user' && grant.userId !== creator.userId) {
      return deny('a user may create user keys only for themselves');
    }
  }
  return { allow: true };
}

/**
 * Scopes put on a key (at creation or by an update) must fit its type and be held by the caller.
 * One exception: admin keys cannot hold the data-plane scopes (completions, log writes, prompt
 * rendering, guardrail/MCP/agent invocation) by type, yet must be able to issue workspace keys
 * that use them; those scopes confer no administrative power, so an admin key may grant them.
 */
export function canAddScopes(caller: AuthPrincipal, type: KeyType, scopes: readonly string[]): Decision {
  const held = effectiveScopes(caller);
  for (const scope of scopes) {
    if (!keyTypeMayHold(type, scope)) {
      return { allow: false, code: 'KEY_TYPE', reason: `${type} keys cannot hold ${scope}`, missing: scope };
    }
    const adminGrantingDataPlane = caller.keyType === 'organisation-service' && isDataPlaneScope(scope);
    if (!held.has(scope) && !adminGrantingDataPlane) return deny(`cannot grant ${scope}: the calling key does not hold it`, scope);
  }
  return { allow: true };
}

/** Scopes only workspace keys can hold: using the product, not administering it. */
export function isDataPlaneScope(scope: string): boolean {
  return !keyTypeMayHold('organisation-service', scope) && keyTypeMayHold('workspace-service', scope);
}

/** The highest workspace role a principal may hand out: nobody grants above their own. */
export function maxGrantableWorkspaceRole(principal: AuthPrincipal): WorkspaceRole | null {
  if (principal.keyType !== 'workspace-user') return 'admin';
  return effectiveWorkspaceRole(principal.orgRole, principal.workspaceRole);
}

export function canGrantWorkspaceRole(principal: AuthPrincipal, role: WorkspaceRole): Decision {
  const max = maxGrantableWorkspaceRole(principal);
  if (!workspaceRoleAtLeast(max, role)) return deny(`cannot grant the workspace role ${role}: above the caller's own (${max ?? 'none'})`);
  return { allow: true };
}

/** Only admin keys manage organisation roles, and the owner role is never granted through the API. */
export function canGrantOrgRole(principal: AuthPrincipal, role: OrgRole): Decision {
  if (principal.keyType !== 'organisation-service') return deny('only admin keys manage organisation roles');
  if (role === 'owner') return deny('the owner role cannot be granted through the API');
  if (principal.userId && principal.orgRole && !orgRoleAtLeast(principal.orgRole, role)) {
    return deny(`cannot grant the organisation role ${role}: above the caller's own`);
  }
  return { allow: true };
}
