import { describe, expect, it } from '@jest/globals';
import { usageResetAfter, usageResetAfterFiring, usageResetOnChange } from '../src/index.js';

describe('next usage reset', () => {
  it('monthly limits reset on the 1st of the next month at 00:00 UTC', () => {
    expect(usageResetAfter({ periodic_reset: 'monthly' }, '2026-01-31T23:59:59.000Z')).toBe('2026-02-01T00:00:00.000Z');
    expect(usageResetAfter({ periodic_reset: 'monthly' }, '2026-12-01T00:00:00.000Z')).toBe('2027-01-01T00:00:00.000Z');
  });

  it('weekly limits reset on the next Monday at 00:00 UTC, never on the same instant', () => {
    // 2026-06-03 is a Wednesday; 2026-06-08 a Monday.
    expect(usageResetAfter({ periodic_reset: 'weekly' }, '2026-06-03T10:00:00.000Z')).toBe('2026-06-08T00:00:00.000Z');
    expect(usageResetAfter({ periodic_reset: 'weekly' }, '2026-06-08T00:00:00.000Z')).toBe('2026-06-15T00:00:00.000Z');
    expect(usageResetAfter({ periodic_reset: 'weekly' }, '2026-06-07T23:00:00.000Z')).toBe('2026-06-08T00:00:00.000Z');
  });

  it('periodic_reset_days steps from the anchor, skipping periods already past', () => {
    expect(usageResetAfter({ periodic_reset_days: 30 }, '2026-01-01T12:00:00.000Z')).toBe('2026-01-31T12:00:00.000Z');
    expect(usageResetAfter({ periodic_reset_days: 10 }, '2026-01-01T00:00:00.000Z', '2026-01-25T00:00:00.000Z')).toBe('2026-01-31T00:00:00.000Z');
  });

  it('cumulative limits (no periodic reset) never reset', () => {
    expect(usageResetAfter({ periodic_reset: null }, '2026-01-01T00:00:00.000Z')).toBeNull();
    expect(usageResetAfter(null, '2026-01-01T00:00:00.000Z')).toBeNull();
    expect(usageResetOnChange('2026-02-01T00:00:00.000Z', { periodic_reset: null }, '2026-01-10T00:00:00.000Z')).toBeNull();
  });

  it('a change of cadence keeps the pending reset; the new cadence applies after it', () => {
    const pending = '2026-02-01T00:00:00.000Z';
    expect(usageResetOnChange(pending, { periodic_reset: 'weekly' }, '2026-01-10T00:00:00.000Z')).toBe(pending);
    expect(usageResetAfterFiring({ periodic_reset: 'weekly' }, pending, '2026-02-01T00:00:05.000Z')).toBe('2026-02-02T00:00:00.000Z');
  });

  it('a caller-given next_usage_reset_at in the future overrides the first reset', () => {
    expect(usageResetOnChange(null, { periodic_reset: 'monthly', next_usage_reset_at: '2026-03-15T00:00:00Z' }, '2026-01-10T00:00:00.000Z')).toBe(
      '2026-03-15T00:00:00.000Z',
    );
    expect(usageResetOnChange(null, { periodic_reset: 'monthly', next_usage_reset_at: '2025-03-15T00:00:00Z' }, '2026-01-10T00:00:00.000Z')).toBe(
      '2026-02-01T00:00:00.000Z',
    );
  });

  it('a reset applied late (the service was down) schedules the next one after the time it ran', () => {
    expect(usageResetAfterFiring({ periodic_reset: 'monthly' }, '2026-02-01T00:00:00.000Z', '2026-04-20T00:00:00.000Z')).toBe('2026-05-01T00:00:00.000Z');
  });
});
