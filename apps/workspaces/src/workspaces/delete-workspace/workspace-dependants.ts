import { dependantsSubjects, type DependantsCount, type RequestContext } from '#libs/contracts';
import { systemContext, type RpcClient } from '#libs/messaging';

/** Services that own workspace-scoped resources (API keys today; configs, prompts … later). */
export const DEPENDANT_SERVICES = ['keys'] as const;

export async function countDependants(rpc: RpcClient, orgId: string, workspaceId: string, context: RequestContext) {
  const counts = await Promise.all(
    DEPENDANT_SERVICES.map((s) => rpc.call<DependantsCount>(dependantsSubjects(s).count, { orgId, workspaceId }, systemContext(context))),
  );
  const kinds = Object.assign({}, ...counts.map((c) => c.kinds)) as Record<string, number>;
  return { count: counts.reduce((n, c) => n + c.count, 0), kinds };
}

export async function removeDependants(rpc: RpcClient, orgId: string, workspaceId: string, context: RequestContext): Promise<number> {
  const results = await Promise.all(
    DEPENDANT_SERVICES.map((s) => rpc.call<{ position: number }>(dependantsSubjects(s).remove, { orgId, workspaceId }, systemContext(context))),
  );
  return Math.max(0, ...results.map((r) => r.position));
}
