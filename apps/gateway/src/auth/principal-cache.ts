import { createHash } from 'node:crypto';
import type { VerifiedKey } from '#libs/contracts';

interface Entry {
  principal: VerifiedKey;
  cachedAt: number;
}

export interface PrincipalCacheOptions {
  maxEntries?: number;
  /** Safety net only: invalidation events normally evict entries long before this. */
  ttlMs?: number;
  negativeTtlMs?: number;
  maxNegative?: number;
  /** Told of every push invalidation (metrics). */
  onInvalidate?: (by: 'key' | 'user' | 'workspace' | 'all') => void;
}

/**
 * Verified keys by SHA-256 of the secret (the plaintext is never a map key), with indexes by
 * key, user and workspace for push invalidation. A generation counter stops a verification that
 * was in flight during an invalidation from caching what it learnt.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private readonly negative = new Map<string, number>();
  private readonly byKey = new Map<string, Set<string>>();
  private readonly byUser = new Map<string, Set<string>>();
  private readonly byWorkspace = new Map<string, Set<string>>();
  private generationCounter = 0;
  /** Position of the event feed this cache has applied every invalidation up to. */
  position = 0;
  readonly maxEntries: number;
  readonly ttlMs: number;
  readonly negativeTtlMs: number;
  readonly maxNegative: number;
  private readonly onInvalidate?: PrincipalCacheOptions['onInvalidate'];

  constructor(options: PrincipalCacheOptions = {}) {
    this.onInvalidate = options.onInvalidate;
    this.maxEntries = options.maxEntries ?? 50_000;
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.negativeTtlMs = options.negativeTtlMs ?? 2_000;
    this.maxNegative = options.maxNegative ?? 10_000;
  }

  static hash(raw: string): string {
    return createHash('sha256').update(raw).digest('hex');
  }

  get generation(): number {
    return this.generationCounter;
  }

  get(hash: string, now = Date.now()): VerifiedKey | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (now - entry.cachedAt > this.ttlMs) {
      this.drop(hash);
      return undefined;
    }
    return entry.principal;
  }

  isKnownBad(hash: string, now = Date.now()): boolean {
    const until = this.negative.get(hash);
    if (until === undefined) return false;
    if (until > now) return true;
    this.negative.delete(hash);
    return false;
  }

  /** Caches unless something was invalidated since `generation` was read. */
  set(hash: string, principal: VerifiedKey, generation: number, now = Date.now()): void {
    if (generation !== this.generationCounter) return;
    if (this.entries.size >= this.maxEntries) this.drop(this.entries.keys().next().value!);
    this.entries.set(hash, { principal, cachedAt: now });
    this.index(this.byKey, principal.keyId, hash);
    if (principal.userId) this.index(this.byUser, principal.userId, hash);
    if (principal.workspaceId) this.index(this.byWorkspace, principal.workspaceId, hash);
  }

  rememberBad(hash: string, generation: number, now = Date.now()): void {
    if (generation !== this.generationCounter) return;
    if (this.negative.size >= this.maxNegative) this.negative.delete(this.negative.keys().next().value!);
    this.negative.set(hash, now + this.negativeTtlMs);
  }

  invalidateKey(keyId: string): void {
    this.invalidate(this.byKey, keyId);
    this.onInvalidate?.('key');
  }

  invalidateUser(userId: string): void {
    this.invalidate(this.byUser, userId);
    this.onInvalidate?.('user');
  }

  invalidateWorkspace(workspaceId: string): void {
    this.invalidate(this.byWorkspace, workspaceId);
    this.onInvalidate?.('workspace');
  }

  /** A key was created or rotated: nothing "unknown" may stay refused because of the cache. */
  forgetBad(): void {
    this.generationCounter++;
    this.negative.clear();
    this.onInvalidate?.('all');
  }

  /** Forgets everything (an invalidation that could not be read precisely). */
  clear(): void {
    this.generationCounter++;
    this.entries.clear();
    this.negative.clear();
    this.byKey.clear();
    this.byUser.clear();
    this.byWorkspace.clear();
  }

  drop(hash: string): void {
    const entry = this.entries.get(hash);
    if (!entry) return;
    this.entries.delete(hash);
    this.byKey.get(entry.principal.keyId)?.delete(hash);
    if (entry.principal.userId) this.byUser.get(entry.principal.userId)?.delete(hash);
    if (entry.principal.workspaceId) this.byWorkspace.get(entry.principal.workspaceId)?.delete(hash);
  }

  get size(): number {
    return this.entries.size;
  }

  private invalidate(index: Map<string, Set<string>>, id: string): void {
    this.generationCounter++;
    for (const hash of index.get(id) ?? []) this.drop(hash);
    index.delete(id);
  }

  private index(index: Map<string, Set<string>>, id: string, hash: string): void {
    let set = index.get(id);
    if (!set) index.set(id, (set = new Set()));
    set.add(hash);
  }
}
