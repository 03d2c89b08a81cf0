import { describe, expect, it } from '@jest/globals';
import { dueWorkspaceResets, evolveWorkspaceSchedule } from '../src/index.js';

describe('workspace usage reset schedule', () => {
  const limits = [{ periodic_reset: 'monthly' as const }, { periodic_reset: null }, { periodic_reset: 'weekly' as const }];
  const created = { type: 'WorkspaceCreated', data: { at: '2026-06-03T10:00:00.000Z' } };

  it('each usage limit gets its own pending reset; cumulative ones none', () => {
    expect(evolveWorkspaceSchedule(null, created, limits)).toEqual({
      nextUsageResetAt: ['2026-07-01T00:00:00.000Z', null, '2026-06-08T00:00:00.000Z'],
      lastResetAt: null,
    });
  });

  it('a periodic reset of one entry moves that entry only and sets last_reset_at', () => {
    const s = evolveWorkspaceSchedule(evolveWorkspaceSchedule(null, created, limits), {
      type: 'WorkspaceUsageReset',
      data: { at: '2026-06-08T00:00:01.000Z', limitIndex: 2, due: '2026-06-08T00:00:00.000Z' },
    }, limits);
    expect(s).toEqual({ nextUsageResetAt: ['2026-07-01T00:00:00.000Z', null, '2026-06-15T00:00:00.000Z'], lastResetAt: '2026-06-08T00:00:00.000Z' });
    expect(dueWorkspaceResets(s, '2026-06-15T00:00:00.000Z')).toEqual([{ limitIndex: 2, due: '2026-06-15T00:00:00.000Z' }]);
    expect(dueWorkspaceResets(s, '2026-06-14T23:59:59.999Z')).toEqual([]);
  });

  it('updates that leave usage_limits alone keep the schedule; clearing the limits clears it', () => {
    const s = evolveWorkspaceSchedule(null, created, limits);
    expect(evolveWorkspaceSchedule(s, { type: 'WorkspaceUpdated', data: { at: '2026-06-04T00:00:00.000Z', changes: { name: 'x' } } }, limits)).toBe(s);
    expect(evolveWorkspaceSchedule(s, { type: 'WorkspaceUpdated', data: { at: '2026-06-04T00:00:00.000Z', changes: { usage_limits: null } } }, null).nextUsageResetAt).toEqual([]);
  });
});
