import { Injectable } from '@nestjs/common';
import { WorkspacesSubjects, type RequestContext, type ResolvedWorkspace } from '#libs/contracts';
import { RpcClient } from '#libs/messaging';

const TTL_MS = 30_000;

/** Workspace id or slug → where it lives, cached briefly and forgotten on workspace events. */
@Injectable()
export class WorkspaceResolver {
  private readonly cache = new Map<string, { ws: ResolvedWorkspace; at: number }>();

  constructor(private readonly rpc: RpcClient) {}

  async resolve(ref: string, context: RequestContext): Promise<ResolvedWorkspace | null> {
    const hit = this.cache.get(ref);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.ws;
    const ws = await this.rpc.call<ResolvedWorkspace | null>(WorkspacesSubjects.resolve, { workspaceId: ref }, context);
    if (ws) {
      if (this.cache.size > 10_000) this.cache.clear();
      const entry = { ws, at: Date.now() };
      this.cache.set(ws.id, entry);
      this.cache.set(ws.slug, entry);
    }
    return ws;
  }

  clear(): void {
    this.cache.clear();
  }

  forget(workspaceId: string): void {
    const hit = this.cache.get(workspaceId);
    this.cache.delete(workspaceId);
    if (hit) this.cache.delete(hit.ws.slug);
  }
}
