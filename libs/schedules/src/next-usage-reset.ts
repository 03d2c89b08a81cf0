import { addDaysUtc, firstOfNextMonthUtc, nextMondayUtc } from './calendar.js';

/** The parts of Portkey's `UsageLimits` that decide when usage resets. */
export interface UsageResetRule {
  periodic_reset?: 'monthly' | 'weekly' | null;
  periodic_reset_days?: number | null;
  next_usage_reset_at?: string | null;
}

/**
 * The first periodic reset strictly after `afterIso`, counting from `anchorIso`: monthly resets
 * fall on the 1st at 00:00 UTC and weekly ones on Monday 00:00 UTC (calendar boundaries, as
 * Portkey documents); `periodic_reset_days: N` steps N days from the anchor. Null when the
 * limit is cumulative (no periodic reset).
 */
export function usageResetAfter(rule: UsageResetRule | null | undefined, anchorIso: string, afterIso = anchorIso): string | null {
  if (!rule) return null;
  const after = Date.parse(afterIso);
  if (rule.periodic_reset === 'monthly') return iso(firstOfNextMonthUtc(after));
  if (rule.periodic_reset === 'weekly') return iso(nextMondayUtc(after));
  const days = rule.periodic_reset_days;
  if (typeof days === 'number' && days >= 1) {
    const anchor = Date.parse(anchorIso);
    const steps = Math.max(1, Math.floor((after - anchor) / (days * 86_400_000)) + 1);
    return iso(addDaysUtc(anchor, steps * days));
  }
  return null;
}

/**
 * The pending reset after the limits are set or changed at `at`. A pending reset survives a
 * change of cadence (the current period runs its course; the new cadence applies from that
 * reset on), so clients that keep the planned value see no surprise. A caller-given
 * `next_usage_reset_at` in the future overrides the first reset.
 */
export function usageResetOnChange(pending: string | null, rule: UsageResetRule | null | undefined, at: string): string | null {
  if (!rule || (!rule.periodic_reset && !rule.periodic_reset_days)) return null;
  if (rule.next_usage_reset_at && Date.parse(rule.next_usage_reset_at) > Date.parse(at)) return iso(Date.parse(rule.next_usage_reset_at));
  if (pending && Date.parse(pending) > Date.parse(at)) return pending;
  return usageResetAfter(rule, at);
}

/** The reset after a periodic reset that fell due at `dueIso` and was applied at `at`. */
export function usageResetAfterFiring(rule: UsageResetRule | null | undefined, dueIso: string, at: string): string | null {
  return usageResetAfter(rule, dueIso, Date.parse(at) > Date.parse(dueIso) ? at : dueIso);
}

const iso = (ms: number) => new Date(ms).toISOString();
