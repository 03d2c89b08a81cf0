import { Inject, Injectable, Optional } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import { parseKey } from '#libs/authz';
import { DomainError, KeysSubjects, type VerifiedKey } from '#libs/contracts';
import { RpcClient } from '#libs/messaging';
import { PrincipalCache } from './principal-cache.js';
import { GATEWAY_CONFIG } from '../gateway.config.js';

export const unauthenticated = (message: string, details?: Record<string, unknown>) => new DomainError('AUTH.UNAUTHENTICATED', message, 401, details);

/**
 * Benchmarks only: every request acts as this principal and no key is verified. Set
 * programmatically through `createGateway` (there is no configuration switch for it).
 */
export const FIXED_PRINCIPAL = Symbol('FIXED_PRINCIPAL');

/**
 * `x-portkey-api-key` → principal. Malformed keys and bad checksums are refused here without
 * any lookup; known keys come from the cache (kept fresh by key, membership and workspace
 * events); the rest costs one `keys` verify RPC, coalesced per key.
 */
@Injectable()
export class Authenticator {
  readonly cache = new PrincipalCache();
  private readonly inFlight = new Map<string, Promise<VerifiedKey>>();

  constructor(
    private readonly rpc: RpcClient,
    @Inject(GATEWAY_CONFIG) private readonly config: PortcullisConfig,
    @Optional() @Inject(FIXED_PRINCIPAL) private readonly fixed?: VerifiedKey,
  ) {}

  async authenticate(raw: string | string[] | undefined, requestId: string): Promise<VerifiedKey> {
    if (this.fixed) return this.fixed;
    const key = Array.isArray(raw) ? raw[0] : raw;
    if (!key) throw unauthenticated('missing x-portkey-api-key header');
    const parsed = parseKey(key);
    if (parsed.format === 'invalid') throw unauthenticated('invalid API key');
    if (parsed.format === 'portcullis' && !parsed.checksumOk) throw unauthenticated('invalid API key (checksum mismatch)');
    const hash = PrincipalCache.hash(key);
    const cached = this.cache.get(hash);
    if (cached) return this.unexpired(cached, hash);
    if (this.cache.isKnownBad(hash)) throw unauthenticated('invalid API key');
    let pending = this.inFlight.get(hash);
    if (!pending) {
      pending = this.verify(key, hash, requestId).finally(() => this.inFlight.delete(hash));
      this.inFlight.set(hash, pending);
    }
    return this.unexpired(await pending, hash);
  }

  private async verify(key: string, hash: string, requestId: string): Promise<VerifiedKey> {
    const generation = this.cache.generation;
    try {
      // The keys service answers from read models at least as fresh as every invalidation seen here.
      const context = { requestId, correlationId: requestId, minPosition: this.cache.position || undefined };
      const principal = await this.rpc.call<VerifiedKey>(KeysSubjects.verify, { key }, context, { timeoutMs: 3_000 });
      this.cache.set(hash, principal, generation);
      return principal;
    } catch (error) {
      if (error instanceof DomainError && error.status === 401) {
        this.cache.rememberBad(hash, generation);
        // The key's organisation (when the key is real) lets the denial reach that audit log.
        throw unauthenticated('invalid API key', error.details?.orgId ? { orgId: error.details.orgId, keyId: error.details.keyId } : undefined);
      }
      throw error;
    }
  }

  /** Expiry needs no event: it is checked on every request. */
  private unexpired(principal: VerifiedKey, hash: string): VerifiedKey {
    if (principal.expiresAt && Date.parse(principal.expiresAt) <= this.config.clock()) {
      this.cache.drop(hash);
      throw unauthenticated('invalid API key: the key has expired');
    }
    return principal;
  }
}
