import { DomainError, type RequestContext } from '#libs/contracts';
import type { AuthPrincipal } from './policy.js';

/** The organisation a request acts in: the caller's own, never one named in the payload. */
export function requireOrg(context: RequestContext): string {
  const orgId = context.principal?.orgId ?? context.onBehalfOf?.orgId;
  if (!orgId) throw new DomainError('COMMON.NO_ORGANISATION', 'the caller has no organisation', 403);
  return orgId;
}

/** The caller as the policy engine sees it (API-key principals only). */
export function authPrincipal(context: RequestContext): AuthPrincipal {
  const p = context.principal;
  if (!p || p.kind !== 'api_key' || !p.keyId || !p.keyType || !p.orgId) {
    throw new DomainError('COMMON.UNAUTHENTICATED', 'an API key is required', 401);
  }
  return {
    keyId: p.keyId,
    keyType: p.keyType,
    orgId: p.orgId,
    workspaceId: p.workspaceId ?? null,
    userId: p.userId ?? null,
    scopes: p.scopes ?? [],
    orgRole: p.orgRole,
    workspaceRole: p.workspaceRole ?? null,
  };
}
