import { Injectable } from '@nestjs/common';
import { ConfigsSubjects, ProvidersSubjects, type RequestContext, type ResolvedCompletionConfig, type ResolvedProviderCredentials } from '#libs/contracts';
import { RpcClient } from '#libs/messaging';

const MAX_ENTRIES = 20_000;
const SYSTEM = { kind: 'system' as const };

/**
 * The data plane's directory: virtual keys / providers (with their decrypted credentials, held in
 * this process's memory only) and configs, per workspace. First use costs one RPC (coalesced);
 * after that a completion needs no RPC and no database read. The cache invalidator pushes every
 * provider, integration, config and workspace event here, so a deleted virtual key or changed
 * config holds on the next request.
 */
@Injectable()
export class DataPlaneDirectory {
  private readonly credentials = new Map<string, Promise<ResolvedProviderCredentials>>();
  private readonly configs = new Map<string, Promise<ResolvedCompletionConfig>>();
  private generation = 0;

  constructor(private readonly rpc: RpcClient) {}

  provider(orgId: string, workspaceId: string, ref: string, requestId: string): Promise<ResolvedProviderCredentials> {
    return this.lookup(this.credentials, ProvidersSubjects.resolveCredentials, orgId, workspaceId, ref.startsWith('@') ? ref.slice(1) : ref, requestId);
  }

  config(orgId: string, workspaceId: string, ref: string, requestId: string): Promise<ResolvedCompletionConfig> {
    return this.lookup(this.configs, ConfigsSubjects.resolveForCompletion, orgId, workspaceId, ref, requestId);
  }

  /** Called by the cache invalidator for every event of the feed (with the organisation it belongs to, when known). */
  onEvent(type: string, orgId?: string): void {
    if (/^(Provider|Integration|DataKey|VirtualKey)/.test(type)) this.forget(this.credentials, orgId);
    else if (/^Config/.test(type)) this.forget(this.configs, orgId);
    else if (type === 'WorkspaceDeleted') {
      this.forget(this.credentials, orgId);
      this.forget(this.configs, orgId);
    }
  }

  clear(): void {
    this.forget(this.credentials);
    this.forget(this.configs);
  }

  // Coarse within an organisation on purpose: these events are rare next to completions, and
  // dropping all of an organisation's entries can never leave a stale one behind (an integration's
  // key rotation touches every provider over it). Other organisations keep theirs; an event with no
  // organisation drops everything.
  private forget(map: Map<string, unknown>, orgId?: string): void {
    this.generation++;
    if (!orgId) return map.clear();
    const prefix = `${orgId}\n`;
    for (const key of map.keys()) if (key.startsWith(prefix)) map.delete(key);
  }

  private lookup<T>(map: Map<string, Promise<T>>, subject: string, orgId: string, workspaceId: string, ref: string, requestId: string): Promise<T> {
    const key = `${orgId}\n${workspaceId}\n${ref}`;
    const hit = map.get(key);
    if (hit) return hit;
    const generation = this.generation;
    const context: RequestContext = { requestId, correlationId: requestId, principal: SYSTEM };
    const pending = this.rpc.call<T>(subject, { orgId, workspaceId, ref }, context, { timeoutMs: 3_000 });
    if (map.size >= MAX_ENTRIES) map.delete(map.keys().next().value!);
    map.set(key, pending);
    pending.then(
      // An invalidation while the answer was on its way: the answer may predate it.
      () => generation !== this.generation && map.get(key) === pending && map.delete(key),
      () => map.get(key) === pending && map.delete(key),
    );
    return pending;
  }
}
