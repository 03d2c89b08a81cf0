import { Inject, Injectable } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import { DomainError } from '#libs/contracts';
import { GATEWAY_CONFIG } from '../gateway.config.js';
import { DenialLimiter } from './denial-limiter.js';

const MAX_ATTRIBUTIONS = 100_000;

/**
 * The gateway's defence against floods of bad keys: the per-IP limiter, and what it remembers
 * about key ids (which organisation a key id belongs to, learnt from verifications), so even a
 * refused request can be attributed to its organisation's audit log without a lookup.
 */
@Injectable()
export class FloodControl {
  readonly limiter: DenialLimiter;
  private readonly orgOfKey = new Map<string, string>();
  private held = 0;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: PortcullisConfig) {
    this.limiter = new DenialLimiter({ burst: config.denialBurst, perSecond: config.denialRatePerSec }, config.clock);
  }

  /**
   * Holds a refusal to a limited source for `denialTarpitMs` (at most `denialTarpitMax` at once)
   * before it is sent. A flood that waits for its answers then runs at the pace we set, not at
   * the pace our CPU can refuse it, and good clients keep that CPU. Held refusals cost a timer each.
   */
  async tarpit(): Promise<void> {
    const { denialTarpitMs: ms, denialTarpitMax: max } = this.config;
    if (!(ms > 0) || this.held >= max) return;
    this.held++;
    try {
      await new Promise((r) => setTimeout(r, ms));
    } finally {
      this.held--;
    }
  }

  /** 429 AB06 with the seconds to wait, when `clientIp` spent its failed authentications. */
  checkSource(clientIp: string): void {
    this.refuseFor(this.limiter.retryAfterMs(clientIp));
  }

  /** Takes a token for an authentication the cache cannot decide, or refuses (429). */
  admit(clientIp: string): void {
    this.refuseFor(this.limiter.admit(clientIp));
  }

  refund(clientIp: string): void {
    this.limiter.refund(clientIp);
  }

  private refuseFor(waitMs: number): void {
    if (waitMs > 0) {
      const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
      throw new DomainError('AUTH.TOO_MANY_FAILURES', `too many failed authentications from this address; retry after ${retryAfterSeconds} s`, 429, {
        errorCode: 'AB06',
        retryAfterSeconds,
      });
    }
  }

  rememberKey(keyId: string, orgId: string): void {
    if (this.orgOfKey.size >= MAX_ATTRIBUTIONS && !this.orgOfKey.has(keyId)) this.orgOfKey.delete(this.orgOfKey.keys().next().value!);
    this.orgOfKey.set(keyId, orgId);
  }

  orgOf(keyId: string | undefined): string | undefined {
    return keyId ? this.orgOfKey.get(keyId) : undefined;
  }
}
