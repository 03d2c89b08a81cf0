import { can, type AuthPrincipal, type ResourceRef } from '#libs/authz';
import { DomainError } from '#libs/contracts';
import { findWorkspaceByRef, type ReadModels, type WorkspaceDoc } from '#libs/projections';

/** 403 AB03, naming the permission that is missing (the gateway records the denial). */
export const denied = (reason: string, missing?: string) =>
  new DomainError('WORKSPACES.FORBIDDEN', missing ? `${reason} (missing permission: ${missing})` : reason, 403, { errorCode: 'AB03', ...(missing ? { missing } : {}) });

export function assertCan(principal: AuthPrincipal, action: string, resource: ResourceRef): void {
  const decision = can(principal, action, resource);
  if (!decision.allow) throw denied(decision.reason, decision.missing);
}

const notAccessible = (ref: string) =>
  new DomainError('WORKSPACES.NOT_FOUND', `workspace ${ref} was not found or is not accessible`, 403, { workspace: ref, errorCode: 'AB03' });

/**
 * The workspace a list or a creation acts in. Admin keys name it (uuid or slug) or act
 * organisation-wide (null); workspace keys act in their own, and naming another one is refused.
 */
export async function targetWorkspace(models: ReadModels, principal: AuthPrincipal, named: string | undefined): Promise<WorkspaceDoc | null> {
  if (principal.keyType === 'organisation-service') {
    if (!named) return null;
    const ws = await findWorkspaceByRef(models, named);
    if (!ws || ws.orgId !== principal.orgId) throw notAccessible(named);
    return ws;
  }
  const own = principal.workspaceId;
  const ws = own ? await findWorkspaceByRef(models, own) : null;
  if (!ws || ws.orgId !== principal.orgId) throw notAccessible(own ?? 'of this key');
  if (named && named !== ws._id && named !== ws.slug) throw denied('workspace API keys act only inside their own workspace');
  return ws;
}

/**
 * Whether the caller may see a resource of `workspaceId` at all: admin keys see their whole
 * organisation, workspace keys only their workspace (anything else is "not found", not "forbidden").
 */
export const withinReach = (principal: AuthPrincipal, orgId: string, workspaceId: string | null) =>
  orgId === principal.orgId && (principal.keyType === 'organisation-service' || workspaceId === principal.workspaceId);
