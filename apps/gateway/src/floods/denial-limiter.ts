interface Bucket {
  tokens: number;
  at: number;
}

/**
 * Per client IP, a token bucket of failed authentications: each 401 takes a token, tokens come
 * back at `perSecond` up to `burst`. An empty bucket limits the source: until it refills, its
 * requests that carry no key the gateway already trusts are refused (429) before any store is
 * touched. In memory, bounded; the oldest sources are forgotten first.
 */
export class DenialLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: { burst: number; perSecond: number; maxSources?: number },
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * An authentication the gateway cannot decide from its cache is about to be tried: it takes a
   * token, or is refused (the ms until one comes back). Taken up front, so requests in flight
   * together cannot all slip through on the same token; a key that turns out good gives it back.
   */
  admit(source: string): number {
    const wait = this.retryAfterMs(source);
    if (wait > 0) return wait;
    const bucket = this.refilled(source);
    bucket.tokens -= 1;
    this.buckets.delete(source);
    this.buckets.set(source, bucket);
    const max = this.options.maxSources ?? 100_000;
    if (this.buckets.size > max) this.buckets.delete(this.buckets.keys().next().value!);
    return 0;
  }

  /** The admitted authentication succeeded: its token comes back. */
  refund(source: string): void {
    const bucket = this.buckets.get(source);
    if (!bucket) return;
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + 1);
    if (bucket.tokens >= this.options.burst) this.buckets.delete(source);
  }

  /** 0 when `source` may be served; else how long (ms) until it regains a token. */
  retryAfterMs(source: string): number {
    if (!this.buckets.has(source)) return 0;
    const bucket = this.refilled(source);
    if (bucket.tokens >= 1) {
      if (bucket.tokens >= this.options.burst) this.buckets.delete(source);
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.options.perSecond) * 1000);
  }

  get size(): number {
    return this.buckets.size;
  }

  private refilled(source: string): Bucket {
    const now = this.now();
    const bucket = this.buckets.get(source) ?? { tokens: this.options.burst, at: now };
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.options.perSecond);
    bucket.at = now;
    return bucket;
  }
}
