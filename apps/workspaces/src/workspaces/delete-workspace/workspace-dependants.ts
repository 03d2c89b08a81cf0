import { dependantsSubjects, type DependantsCount, type RequestContext } from '#libs/contracts';
import { systemContext, type RpcClient } from '#libs/messaging';

/**
 * Services that own workspace-scoped resources (each registers its kinds with its
 * `WorkspaceDependants`): keys (API keys, virtual keys, providers), workspaces (configs, prompts,
 * guardrails). Removal runs in this order, so what refers to a provider goes first.
 */
export const DEPENDANT_SERVICES = ['workspaces', 'keys'] as const;

export async function countDependants(rpc: RpcClient, orgId: string, workspaceId: string, context: RequestContext) {
  const counts = await Promise.all(
    DEPENDANT_SERVICES.map((s) => rpc.call<DependantsCount>(dependantsSubjects(s).count, { orgId, workspaceId }, systemContext(context))),
  );
  const kinds = Object.assign({}, ...counts.map((c) => c.kinds)) as Record<string, number>;
  return { count: counts.reduce((n, c) => n + c.count, 0), kinds };
}

export async function removeDependants(rpc: RpcClient, orgId: string, workspaceId: string, context: RequestContext): Promise<number> {
  let position = 0;
  for (const s of DEPENDANT_SERVICES) {
    position = Math.max(position, (await rpc.call<{ position: number }>(dependantsSubjects(s).remove, { orgId, workspaceId }, systemContext(context))).position);
  }
  return position;
}
