import { DomainError, WorkspacesSubjects, type RequestContext, type ResolvedWorkspace } from '#libs/contracts';
import { systemContext, type RpcClient } from '#libs/messaging';

/** Turns workspace ids or slugs into ids of this organisation's active workspaces. */
export async function resolveWorkspaces(
  rpc: RpcClient,
  orgId: string,
  refs: readonly string[],
  context: RequestContext,
): Promise<ResolvedWorkspace[]> {
  return Promise.all(
    refs.map(async (ref) => {
      const ws = await rpc.call<ResolvedWorkspace | null>(WorkspacesSubjects.resolve, { workspaceId: ref }, systemContext(context));
      if (!ws || ws.orgId !== orgId) {
        throw new DomainError('IDENTITY.WORKSPACE_NOT_FOUND', `workspaces: workspace ${ref} was not found`, 404, { workspace: ref });
      }
      if (ws.status !== 'active') throw new DomainError('IDENTITY.WORKSPACE_ARCHIVED', `workspace ${ref} is archived`, 409);
      return ws;
    }),
  );
}
