import { effectiveWorkspaceRole, roleRights, type OrgRole, type WorkspaceRole } from './roles.js';
import { KEY_LETTER, SCOPE_KEY_TYPES, type KeyType } from './scopes.js';

/** The caller, as the gateway resolved it from the API key. */
export interface AuthPrincipal {
  keyId: string;
  keyType: KeyType;
  orgId: string;
  /** The workspace a workspace key is pinned to; null for admin keys. */
  workspaceId: string | null;
  userId: string | null;
  scopes: readonly string[];
  /** User keys: the user's role in the organisation. */
  orgRole?: OrgRole;
  /** User keys: the user's membership role in the key's workspace. */
  workspaceRole?: WorkspaceRole | null;
}

/** What an action touches: always an organisation, sometimes one workspace. */
export interface ResourceRef {
  orgId: string;
  workspaceId?: string | null;
}

export type DenialCode = 'FOREIGN_ORG' | 'UNKNOWN_ACTION' | 'KEY_TYPE' | 'MISSING_SCOPE' | 'OTHER_WORKSPACE' | 'ROLE';

export type Decision = { allow: true } | { allow: false; code: DenialCode; reason: string; missing?: string };

const ALLOW: Decision = { allow: true };
const deny = (code: DenialCode, reason: string, missing?: string): Decision => ({ allow: false, code, reason, ...(missing ? { missing } : {}) });

/**
 * The one policy engine: key type (A/S/U column), key scopes, for user keys the user's role
 * rights, and where the resource lives. Admin keys reach any workspace of their organisation;
 * workspace keys never leave theirs.
 */
export function can(principal: AuthPrincipal, action: string, resource: ResourceRef): Decision {
  if (resource.orgId !== principal.orgId) return deny('FOREIGN_ORG', 'the resource belongs to another organisation');
  const letters = SCOPE_KEY_TYPES.get(action);
  if (!letters) return deny('UNKNOWN_ACTION', `unknown action ${action}`);
  if (!letters.has(KEY_LETTER[principal.keyType])) {
    return deny('KEY_TYPE', `${principal.keyType} keys cannot perform ${action}`, action);
  }
  if (!principal.scopes.includes(action)) return deny('MISSING_SCOPE', `the API key lacks the ${action} permission`, action);
  if (principal.keyType !== 'organisation-service' && resource.workspaceId && resource.workspaceId !== principal.workspaceId) {
    return deny('OTHER_WORKSPACE', 'workspace API keys act only inside their own workspace');
  }
  if (principal.keyType === 'workspace-user') {
    const role = effectiveWorkspaceRole(principal.orgRole, principal.workspaceRole);
    if (!roleRights(role).has(action)) {
      return deny('ROLE', `the user's role (${role ?? 'no membership'}) does not allow ${action}`, action);
    }
  }
  return ALLOW;
}

/** The scopes a principal can actually exercise: a user key is capped by its user's role. */
export function effectiveScopes(principal: AuthPrincipal): Set<string> {
  if (principal.keyType !== 'workspace-user') return new Set(principal.scopes);
  const rights = roleRights(effectiveWorkspaceRole(principal.orgRole, principal.workspaceRole));
  return new Set(principal.scopes.filter((s) => rights.has(s)));
}
