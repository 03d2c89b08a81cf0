import { describe, expect, it } from '@jest/globals';
import { counterKey, rateWindow, usagePeriod } from './limit-rules.js';

describe('limit windows and periods', () => {
  it('rate windows are UTC-aligned: a call at 12:00:59.999 and one at 12:01:00 count in different minutes', () => {
    const a = rateWindow('rpm', Date.UTC(2026, 11, 2, 12, 0, 59, 999));
    const b = rateWindow('rpm', Date.UTC(2026, 11, 2, 12, 1, 0));
    expect(a).toEqual({ start: Date.UTC(2026, 11, 2, 12, 0), end: Date.UTC(2026, 11, 2, 12, 1) });
    expect(b.start).toBe(a.end);
    expect(rateWindow('rpd', Date.UTC(2026, 11, 2, 23, 59)).end).toBe(Date.UTC(2026, 11, 3));
  });

  it('monthly usage ends on the 1st 00:00 UTC, weekly on Monday 00:00 UTC, cumulative never', () => {
    expect(usagePeriod({ periodicReset: 'monthly', periodicResetDays: null }, Date.UTC(2026, 11, 31, 23, 0))).toEqual({ id: 'm202612', end: Date.UTC(2027, 0, 1) });
    // 2026-12-02 is a Wednesday; 2026-12-07 a Monday.
    expect(usagePeriod({ periodicReset: 'weekly', periodicResetDays: null }, Date.UTC(2026, 11, 2)).end).toBe(Date.UTC(2026, 11, 7));
    expect(usagePeriod({ periodicReset: 'weekly', periodicResetDays: null }, Date.UTC(2026, 11, 7)).end).toBe(Date.UTC(2026, 11, 14));
    expect(usagePeriod({ periodicReset: null, periodicResetDays: null }, Date.UTC(2026, 11, 2))).toEqual({ id: 'all', end: null });
  });

  it('periodic_reset_days counts N-day steps from when the limit was set', () => {
    const anchorMs = Date.UTC(2026, 11, 1, 9, 30);
    const rule = { periodicReset: null, periodicResetDays: 3, anchorMs };
    expect(usagePeriod(rule, anchorMs + 1000).end).toBe(anchorMs + 3 * 86_400_000);
    expect(usagePeriod(rule, anchorMs + 3 * 86_400_000).end).toBe(anchorMs + 6 * 86_400_000);
    expect(usagePeriod(rule, anchorMs + 1000).id).not.toBe(usagePeriod(rule, anchorMs + 3 * 86_400_000).id);
  });

  it('a reset epoch is part of the usage counter key, so a reset starts a new counter', () => {
    const rule = { kind: 'usage' as const, scope: 'k_1_0', source: 'api key 1', type: 'cost' as const, creditLimit: 5, alertThreshold: null, periodicReset: null, periodicResetDays: null };
    const now = Date.UTC(2026, 11, 2);
    expect(counterKey({ ...rule, resetEpoch: 0 }, now)).not.toBe(counterKey({ ...rule, resetEpoch: 42 }, now));
    expect(counterKey({ ...rule, resetEpoch: 0 }, now)).toMatch(/^[-_.a-zA-Z0-9]+$/);
  });
});
