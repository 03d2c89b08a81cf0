import { Inject, Injectable, Optional } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import { parseKey } from '#libs/authz';
import { DomainError, KeysSubjects, type VerifiedKey } from '#libs/contracts';
import { RpcClient } from '#libs/messaging';
import { METRICS, type ServiceMetrics } from '#libs/metrics';
import { FloodControl } from '../floods/flood-control.js';
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
  readonly cache: PrincipalCache;
  private readonly inFlight = new Map<string, Promise<VerifiedKey>>();

  constructor(
    private readonly rpc: RpcClient,
    @Inject(GATEWAY_CONFIG) private readonly config: PortcullisConfig,
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
    private readonly floods: FloodControl,
    @Optional() @Inject(FIXED_PRINCIPAL) private readonly fixed?: VerifiedKey,
  ) {
    this.cache = new PrincipalCache({ onInvalidate: (by) => metrics.authInvalidations.inc({ by }) });
  }

  /**
   * Authenticates; a source that has spent its failed authentications (FloodControl) is served
   * only with a key already in the cache: anything else is refused (429) before any lookup.
   */
  async authenticate(raw: string | string[] | undefined, requestId: string, clientIp?: string): Promise<VerifiedKey> {
    if (this.fixed) return this.fixed;
    const key = Array.isArray(raw) ? raw[0] : raw;
    const hash = key ? PrincipalCache.hash(key) : undefined;
    const cached = hash ? this.cache.get(hash) : undefined;
    if (cached) {
      this.metrics.authCache.inc({ result: 'hit' });
      return this.unexpired(cached, hash!);
    }
    if (clientIp) this.floods.admit(clientIp);
    try {
      const principal = await this.decide(key, hash, requestId);
      if (clientIp) this.floods.refund(clientIp);
      return principal;
    } catch (error) {
      // Only a failed authentication spends the token; an unavailable keys service does not.
      if (clientIp && !(error instanceof DomainError && error.status === 401)) this.floods.refund(clientIp);
      throw error;
    }
  }

  /** What the cache could not answer: format, checksum, the refused-key cache, then verify. */
  private async decide(key: string | undefined, hash: string | undefined, requestId: string): Promise<VerifiedKey> {
    if (!key) throw unauthenticated('missing x-portkey-api-key header');
    const parsed = parseKey(key);
    if (parsed.format === 'invalid') throw unauthenticated('invalid API key');
    if (parsed.format === 'portcullis' && !parsed.checksumOk) throw unauthenticated('invalid API key (checksum mismatch)');
    if (this.cache.isKnownBad(hash!)) {
      this.metrics.authCache.inc({ result: 'known_bad' });
      throw unauthenticated('invalid API key');
    }
    this.metrics.authCache.inc({ result: 'miss' });
    let pending = this.inFlight.get(hash!);
    if (!pending) {
      pending = this.verify(key, hash!, requestId).finally(() => this.inFlight.delete(hash!));
      this.inFlight.set(hash!, pending);
    }
    return this.unexpired(await pending, hash!);
  }

  private async verify(key: string, hash: string, requestId: string): Promise<VerifiedKey> {
    const generation = this.cache.generation;
    try {
      // The keys service answers from read models at least as fresh as every invalidation seen here.
      const context = { requestId, correlationId: requestId, minPosition: this.cache.position || undefined };
      const principal = await this.rpc.call<VerifiedKey>(KeysSubjects.verify, { key }, context, { timeoutMs: 3_000 });
      this.cache.set(hash, principal, generation);
      this.floods.rememberKey(principal.keyId, principal.orgId);
      return principal;
    } catch (error) {
      if (error instanceof DomainError && error.status === 401) {
        this.cache.rememberBad(hash, generation);
        if (typeof error.details?.keyId === 'string' && typeof error.details.orgId === 'string') this.floods.rememberKey(error.details.keyId, error.details.orgId);
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
