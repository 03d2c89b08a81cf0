import { describe, expect, it } from '@jest/globals';
import { evolveSchedule, type LimitSchedule, type ScheduleFact } from '../src/index.js';

const fold = (facts: ScheduleFact[]): LimitSchedule => facts.reduce<LimitSchedule>((s, f) => evolveSchedule(s, f), evolveSchedule(null, facts[0]!));

describe('limit schedules folded from facts', () => {
  const monthly = { periodic_reset: 'monthly' as const };
  const created: ScheduleFact = { kind: 'created', at: '2026-01-10T08:00:00.000Z', usageLimits: monthly, rotationPolicy: { rotation_period: 'weekly' } };

  it('creation derives the first reset and the first rotation; nothing has happened yet', () => {
    expect(evolveSchedule(null, created)).toEqual({
      nextUsageResetAt: '2026-02-01T00:00:00.000Z',
      lastResetAt: null,
      nextRotationAt: '2026-01-17T08:00:00.000Z',
      lastRotatedAt: null,
    });
  });

  it('a requested reset sets last_reset_at and leaves the periodic schedule alone', () => {
    const s = fold([created, { kind: 'usage-reset', at: '2026-01-12T00:00:00.000Z', periodic: false, due: null, usageLimits: monthly }]);
    expect(s.lastResetAt).toBe('2026-01-12T00:00:00.000Z');
    expect(s.nextUsageResetAt).toBe('2026-02-01T00:00:00.000Z');
  });

  it('a periodic reset moves the schedule to the next boundary', () => {
    const s = fold([created, { kind: 'usage-reset', at: '2026-02-01T00:00:03.000Z', periodic: true, due: '2026-02-01T00:00:00.000Z', usageLimits: monthly }]);
    expect(s).toMatchObject({ lastResetAt: '2026-02-01T00:00:00.000Z', nextUsageResetAt: '2026-03-01T00:00:00.000Z' });
  });

  it('a rotation restarts the rotation period; a policy change reschedules from the change', () => {
    const s = fold([created, { kind: 'rotated', at: '2026-01-12T00:00:00.000Z', rotationPolicy: { rotation_period: 'weekly' } }]);
    expect(s).toMatchObject({ lastRotatedAt: '2026-01-12T00:00:00.000Z', nextRotationAt: '2026-01-19T00:00:00.000Z' });
    const changed = evolveSchedule(s, { kind: 'changed', at: '2026-01-13T00:00:00.000Z', rotationPolicy: { rotation_period: 'monthly' } });
    expect(changed.nextRotationAt).toBe('2026-02-13T00:00:00.000Z');
  });

  it('removing the limits or the policy clears what they scheduled; untouched fields stay', () => {
    const s = evolveSchedule(evolveSchedule(null, created), { kind: 'changed', at: '2026-01-13T00:00:00.000Z', usageLimits: null });
    expect(s.nextUsageResetAt).toBeNull();
    expect(s.nextRotationAt).toBe('2026-01-17T08:00:00.000Z');
  });
});
