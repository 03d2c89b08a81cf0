import { usageResetAfterFiring, usageResetOnChange, type UsageResetRule } from './next-usage-reset.js';

/** A workspace's derived reset schedule: one pending reset per entry of its `usage_limits[]`. */
export interface WorkspaceSchedule {
  nextUsageResetAt: Array<string | null>;
  lastResetAt: string | null;
}

export const EMPTY_WORKSPACE_SCHEDULE: WorkspaceSchedule = { nextUsageResetAt: [], lastResetAt: null };

type WorkspaceEventLike = { type: string; data: unknown };
type Limits = UsageResetRule[] | null | undefined;

/**
 * The schedule after a workspace event, read against the workspace's `usage_limits` after it.
 * An entry keeps its pending reset across a change of cadence, as API keys do.
 */
export function evolveWorkspaceSchedule(schedule: WorkspaceSchedule | null | undefined, event: WorkspaceEventLike, limitsAfter: Limits): WorkspaceSchedule {
  const s = schedule ?? EMPTY_WORKSPACE_SCHEDULE;
  const d = event.data as { at: string; changes?: Record<string, unknown>; limitIndex?: number; due?: string };
  switch (event.type) {
    case 'WorkspaceCreated':
      return { ...EMPTY_WORKSPACE_SCHEDULE, nextUsageResetAt: (limitsAfter ?? []).map((limit) => usageResetOnChange(null, limit, d.at)) };
    case 'WorkspaceUpdated':
      if (!d.changes || !('usage_limits' in d.changes)) return s;
      return { ...s, nextUsageResetAt: (limitsAfter ?? []).map((limit, i) => usageResetOnChange(s.nextUsageResetAt[i] ?? null, limit, d.at)) };
    case 'WorkspaceUsageReset': {
      const i = d.limitIndex ?? 0;
      const next = [...s.nextUsageResetAt];
      next[i] = usageResetAfterFiring(limitsAfter?.[i], d.due!, d.at);
      return { nextUsageResetAt: next, lastResetAt: d.due! };
    }
    default:
      return s;
  }
}

/** The entries whose reset fell due at `nowIso`, with the pending instant (the command's guard). */
export function dueWorkspaceResets(schedule: WorkspaceSchedule | null | undefined, nowIso: string): Array<{ limitIndex: number; due: string }> {
  return (schedule?.nextUsageResetAt ?? []).flatMap((due, limitIndex) => (due && due <= nowIso ? [{ limitIndex, due }] : []));
}
