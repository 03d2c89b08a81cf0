import { describe, expect, it } from '@jest/globals';
import { DenialLimiter } from './denial-limiter.js';

describe('denial limiter (per client IP)', () => {
  it('a source is limited once its burst of failures is spent, and only that source', () => {
    let now = 0;
    const limiter = new DenialLimiter({ burst: 3, perSecond: 1 }, () => now);
    for (let i = 0; i < 3; i++) expect(limiter.admit('198.51.100.1')).toBe(0);
    expect(limiter.admit('198.51.100.1')).toBe(1000);
    expect(limiter.retryAfterMs('198.51.100.1')).toBe(1000);
    expect(limiter.retryAfterMs('198.51.100.2')).toBe(0);
    now += 1000;
    expect(limiter.retryAfterMs('198.51.100.1')).toBe(0);
  });

  it('refills up to the burst and forgets sources that recovered', () => {
    let now = 0;
    const limiter = new DenialLimiter({ burst: 2, perSecond: 10 }, () => now);
    limiter.admit('a');
    limiter.admit('a');
    expect(limiter.retryAfterMs('a')).toBe(100);
    now += 60_000;
    expect(limiter.retryAfterMs('a')).toBe(0);
    expect(limiter.size).toBe(0);
  });

  it('a good key gives its token back: valid traffic never limits its source', () => {
    const limiter = new DenialLimiter({ burst: 2, perSecond: 1 }, () => 0);
    for (let i = 0; i < 10; i++) {
      expect(limiter.admit('a')).toBe(0);
      limiter.refund('a');
    }
    expect(limiter.size).toBe(0);
  });

  it('keeps at most maxSources, dropping the oldest', () => {
    const limiter = new DenialLimiter({ burst: 1, perSecond: 1, maxSources: 2 }, () => 0);
    for (const s of ['a', 'b', 'c']) limiter.admit(s);
    expect(limiter.size).toBe(2);
    expect(limiter.retryAfterMs('a')).toBe(0);
    expect(limiter.retryAfterMs('c')).toBeGreaterThan(0);
  });
});
