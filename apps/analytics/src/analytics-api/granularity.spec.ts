import { describe, expect, it } from '@jest/globals';
import { bucketsFor, bucketTimestamp, granularityOf } from './granularity.js';

const at = (s: string) => Date.parse(s);
const H = 3_600_000;

describe('bucket granularity', () => {
  it('follows the range: ≤ 1 h minutes, ≤ 2 days hours, ≤ 90 days days, beyond weeks', () => {
    const from = at('2026-11-02T10:00:00Z');
    expect(granularityOf(from, from + H)).toBe('minute');
    expect(granularityOf(from, from + H + 1)).toBe('hour');
    expect(granularityOf(from, from + 48 * H)).toBe('hour');
    expect(granularityOf(from, from + 48 * H + 1)).toBe('day');
    expect(granularityOf(from, from + 90 * 24 * H)).toBe('day');
    expect(granularityOf(from, from + 91 * 24 * H)).toBe('week');
  });

  it('buckets align on UTC boundaries and cover the whole range', () => {
    const spec = bucketsFor(at('2026-11-02T10:07:30Z'), at('2026-11-02T11:07:30Z'));
    expect(spec).toEqual({ start: at('2026-11-02T10:07:00Z'), width: 60_000, count: 61 });
    const days = bucketsFor(at('2026-11-01T05:00:00Z'), at('2026-11-08T00:00:00Z'));
    expect(days).toEqual({ start: at('2026-11-01T00:00:00Z'), width: 24 * H, count: 7 });
    expect(bucketTimestamp(days, 6)).toBe('2026-11-07T00:00:00.000Z');
  });

  it('weeks start on Monday (UTC)', () => {
    const spec = bucketsFor(at('2026-01-01T00:00:00Z'), at('2026-07-01T00:00:00Z'));
    expect(spec.width).toBe(7 * 24 * H);
    expect(new Date(spec.start).getUTCDay()).toBe(1);
    expect(bucketTimestamp(spec, 0)).toBe('2025-12-29T00:00:00.000Z');
    expect(spec.start + spec.count * spec.width).toBeGreaterThanOrEqual(at('2026-07-01T00:00:00Z'));
  });
});
