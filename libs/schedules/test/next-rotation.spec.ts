import { describe, expect, it } from '@jest/globals';
import { addMonthsUtc, isDue, rotationAfter, rotationAfterRotating, rotationOnPolicy } from '../src/index.js';

describe('next rotation', () => {
  it('weekly is seven days on, monthly one calendar month on (clamped to the month end)', () => {
    expect(rotationAfter('weekly', '2026-01-01T10:00:00.000Z')).toBe('2026-01-08T10:00:00.000Z');
    expect(rotationAfter('monthly', '2026-01-31T10:00:00.000Z')).toBe('2026-02-28T10:00:00.000Z');
    expect(new Date(addMonthsUtc(Date.parse('2026-11-15T00:00:00Z'), 2)).toISOString()).toBe('2027-01-15T00:00:00.000Z');
  });

  it('a policy with a period schedules one period after it is set; a given next_rotation_at wins', () => {
    expect(rotationOnPolicy({ rotation_period: 'monthly' }, '2026-05-10T00:00:00.000Z')).toBe('2026-06-10T00:00:00.000Z');
    expect(rotationOnPolicy({ next_rotation_at: '2026-07-01T00:00:00Z' }, '2026-05-10T00:00:00.000Z')).toBe('2026-07-01T00:00:00.000Z');
    expect(rotationOnPolicy({ key_transition_period_ms: 1_800_000 }, '2026-05-10T00:00:00.000Z')).toBeNull();
    expect(rotationOnPolicy(null, '2026-05-10T00:00:00.000Z')).toBeNull();
  });

  it('every rotation restarts a periodic schedule; a spent one-off is cleared, a future one kept', () => {
    expect(rotationAfterRotating({ rotation_period: 'weekly' }, '2026-05-17T00:00:00.000Z', '2026-05-17T00:00:01.000Z')).toBe('2026-05-24T00:00:01.000Z');
    expect(rotationAfterRotating({ next_rotation_at: '2026-05-17T00:00:00Z' }, '2026-05-17T00:00:00.000Z', '2026-05-17T00:00:01.000Z')).toBeNull();
    expect(rotationAfterRotating({ next_rotation_at: '2026-06-01T00:00:00Z' }, '2026-06-01T00:00:00.000Z', '2026-05-17T00:00:00.000Z')).toBe(
      '2026-06-01T00:00:00.000Z',
    );
  });

  it('is due at and after the pending instant only', () => {
    expect(isDue('2026-05-17T00:00:00.000Z', Date.parse('2026-05-17T00:00:00.000Z'))).toBe(true);
    expect(isDue('2026-05-17T00:00:00.000Z', Date.parse('2026-05-16T23:59:59.999Z'))).toBe(false);
    expect(isDue(null, Date.now())).toBe(false);
  });
});
