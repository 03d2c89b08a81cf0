/**
 * The limits that apply to one call, in a form the counters understand. `scope` names the
 * counter (what it counts for: a key, a workspace, a provider, a policy's group value); it must
 * be KV-key safe.
 */
export type LimitRule = RateRule | UsageRule;

export interface RateRule {
  kind: 'rate';
  scope: string;
  /** Where the rule came from, for the refusal message ("api key", "workspace", "policy …"). */
  source: string;
  type: 'requests' | 'tokens';
  unit: RateUnit;
  value: number;
}

export interface UsageRule {
  kind: 'usage';
  scope: string;
  source: string;
  type: 'cost' | 'tokens';
  /** Dollars for cost, tokens for tokens. */
  creditLimit: number;
  alertThreshold: number | null;
  periodicReset: 'weekly' | 'monthly' | null;
  periodicResetDays: number | null;
  /** Where `periodic_reset_days` periods count from (when the limit was set), ms. */
  anchorMs?: number;
  /** Counters start again from here (a requested reset); part of the counter key. */
  resetEpoch: number;
  /** A policy's usage limit: which of its entities (group values) the counter belongs to. */
  entity?: PolicyEntityRef;
}

/** One group value of a usage-limits policy (`GET /policies/usage-limits/{id}/entities`). */
export interface PolicyEntityRef {
  policyId: string;
  /** Digest of the group (KV-key safe): the entity's id. */
  id: string;
  /** The group's values in `group_by` order joined by `&` (what `reset_usage_for_value` names). */
  valueKey: string;
}

export type RateUnit = 'rps' | 'rpm' | 'rph' | 'rpd' | 'rpw';

const UNIT_MS: Record<RateUnit, number> = { rps: 1_000, rpm: 60_000, rph: 3_600_000, rpd: 86_400_000, rpw: 7 * 86_400_000 };

export function isRateUnit(unit: unknown): unit is RateUnit {
  return typeof unit === 'string' && unit in UNIT_MS;
}

/** The fixed window `now` falls in (aligned to the epoch, UTC). */
export function rateWindow(unit: RateUnit, now: number): { start: number; end: number } {
  const size = UNIT_MS[unit];
  const start = Math.floor(now / size) * size;
  return { start, end: start + size };
}

/** The usage period `now` falls in: its id (part of the counter key) and when it ends (null: never). */
export function usagePeriod(rule: Pick<UsageRule, 'periodicReset' | 'periodicResetDays' | 'anchorMs'>, now: number): { id: string; end: number | null } {
  const d = new Date(now);
  if (rule.periodicReset === 'monthly') {
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth();
    return { id: `m${y}${String(m + 1).padStart(2, '0')}`, end: Date.UTC(y, m + 1, 1) };
  }
  if (rule.periodicReset === 'weekly') {
    // Weeks start on Monday 00:00 UTC.
    const day = (d.getUTCDay() + 6) % 7;
    const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
    return { id: `w${start / 86_400_000}`, end: start + 7 * 86_400_000 };
  }
  if (rule.periodicResetDays) {
    // Steps of N days from when the limit was set, as the keys and workspaces services schedule them.
    const size = rule.periodicResetDays * 86_400_000;
    const anchor = rule.anchorMs ?? 0;
    const n = Math.floor((now - anchor) / size);
    return { id: `d${rule.periodicResetDays}a${anchor}x${n}`, end: anchor + (n + 1) * size };
  }
  return { id: 'all', end: null };
}

/** The counter key of a rule at `now`. */
export function counterKey(rule: LimitRule, now: number): string {
  if (rule.kind === 'rate') return `rate.${rule.scope}.${rule.type}.${rule.unit}.${rateWindow(rule.unit, now).start}`;
  return `usage.${rule.scope}.${rule.type}.e${rule.resetEpoch}.${usagePeriod(rule, now).id}`;
}
