import { can, type AuthPrincipal } from '#libs/authz';
import { DomainError, type RequestContext } from '#libs/contracts';
import { findWorkspaceByRef, type WorkspaceDoc } from '#libs/projections';
import type { ProjectionHost } from '#libs/read-models';

export const denied = (reason: string, missing?: string) =>
  new DomainError('KEYS.FORBIDDEN', missing ? `${reason} (missing permission: ${missing})` : reason, 403, { errorCode: 'AB03', ...(missing ? { missing } : {}) });

const workspaceNotFound = (ref: string) =>
  new DomainError('KEYS.WORKSPACE_NOT_FOUND', `workspace ${ref} was not found or is not accessible`, 403, { errorCode: 'AB03', workspace: ref });

/** Refuses unless the policy engine allows `action` on the resource. */
export function authorise(principal: AuthPrincipal, action: string, workspaceId: string | null): void {
  const decision = can(principal, action, { orgId: principal.orgId, workspaceId });
  if (!decision.allow) throw denied(decision.reason, decision.missing);
}

/** A workspace by id or slug in the caller's organisation, still existing. */
export async function workspaceInOrg(projections: ProjectionHost, ref: string, orgId: string): Promise<WorkspaceDoc | null> {
  const doc = await findWorkspaceByRef(projections, ref);
  return doc && doc.orgId === orgId ? doc : null;
}

/**
 * The workspace a request acts in: workspace keys act in their own (naming another is refused,
 * 403 AB03); admin keys name one by id or slug (`workspace_id`), else get `fallback`: the
 * organisation's default workspace, none, or a 400 naming the field.
 */
export async function targetWorkspace(
  projections: ProjectionHost,
  principal: AuthPrincipal,
  ref: string | undefined,
  context: RequestContext,
  fallback: 'default' | 'none' | { required: string },
): Promise<WorkspaceDoc | null> {
  await projections.waitFor(context.minPosition);
  if (principal.keyType !== 'organisation-service') {
    if (ref && ref !== principal.workspaceId) {
      const named = await workspaceInOrg(projections, ref, principal.orgId);
      if (named?._id !== principal.workspaceId) throw denied('workspace API keys act only inside their own workspace');
    }
    const own = await workspaceInOrg(projections, principal.workspaceId!, principal.orgId);
    if (!own) throw workspaceNotFound(principal.workspaceId!);
    return own;
  }
  if (!ref) {
    if (fallback === 'none') return null;
    if (fallback === 'default') {
      const ws = await projections.collection<WorkspaceDoc>('workspaces').first('byOrg', { orgId: principal.orgId }, { isDefault: true });
      if (!ws) throw workspaceNotFound('(default)');
      return ws;
    }
    throw new DomainError('KEYS.WORKSPACE_REQUIRED', `workspace_id is required when an admin key ${fallback.required}`, 400, { field: 'workspace_id' });
  }
  const ws = await workspaceInOrg(projections, ref, principal.orgId);
  if (!ws) throw workspaceNotFound(ref);
  return ws;
}
