import { addDaysUtc, addMonthsUtc } from './calendar.js';

/** The parts of Portkey's `rotation_policy` that decide when a key rotates. */
export interface RotationRule {
  rotation_period?: 'weekly' | 'monthly' | null;
  next_rotation_at?: string | null;
  key_transition_period_ms?: number | null;
}

/** One rotation period after `fromIso` (weekly: 7 days; monthly: one calendar month). */
export function rotationAfter(period: RotationRule['rotation_period'], fromIso: string): string | null {
  const from = Date.parse(fromIso);
  if (period === 'weekly') return new Date(addDaysUtc(from, 7)).toISOString();
  if (period === 'monthly') return new Date(addMonthsUtc(from, 1)).toISOString();
  return null;
}

/**
 * When a key next rotates, once its policy is set or changed at `at`: the caller's
 * `next_rotation_at` when given (a one-off, or the first of a series), else one period on.
 */
export function rotationOnPolicy(rule: RotationRule | null | undefined, at: string): string | null {
  if (!rule) return null;
  if (rule.next_rotation_at) return new Date(Date.parse(rule.next_rotation_at)).toISOString();
  return rotationAfter(rule.rotation_period, at);
}

/**
 * After any rotation (on demand or scheduled) at `at`: with a period the schedule restarts one
 * period on, as Portkey recalculates it; a one-off `next_rotation_at` that has now passed is
 * spent, and one still ahead (an on-demand rotation before it) stays.
 */
export function rotationAfterRotating(rule: RotationRule | null | undefined, pending: string | null, at: string): string | null {
  if (!rule) return null;
  if (rule.rotation_period) return rotationAfter(rule.rotation_period, at);
  return pending && Date.parse(pending) > Date.parse(at) ? pending : null;
}

/** Whether a pending rotation or reset has fallen due at `nowMs`. */
export function isDue(pending: string | null | undefined, nowMs: number): boolean {
  return !!pending && Date.parse(pending) <= nowMs;
}
