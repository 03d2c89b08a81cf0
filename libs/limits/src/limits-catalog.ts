import { createHash } from 'node:crypto';
import type { AdmissionRequest } from './limits.port.js';
import { isRateUnit, type LimitRule, type RateRule, type UsageRule } from './limit-rules.js';

/** The limits one owner (a key, a workspace, a provider) carries, wire-shaped as stored in its events. */
export interface OwnerLimits {
  rateLimits: unknown;
  usageLimits: unknown;
  resetEpoch: number;
  /** When the usage limits were last set (ms): `periodic_reset_days` counts from here. */
  anchorMs?: number;
}

/** A usage-limits or rate-limits policy (reference §2.15), as the catalog keeps it. */
export interface LimitPolicy {
  id: string;
  kind: 'usage' | 'rate';
  orgId: string;
  workspaceId: string | null;
  status: 'active' | 'archived';
  conditions: Array<{ key: string; value: string }>;
  groupBy: Array<{ key: string }>;
  type: string;
  /** usage: credit_limit; rate: value. */
  value: number;
  unit?: string;
  alertThreshold?: number | null;
  periodicReset?: 'weekly' | 'monthly' | null;
  resetEpoch: number;
  /** Resets of one group value (`reset_usage_for_value`), by group string (see `groupOf`). */
  valueEpochs?: Record<string, number>;
}

/**
 * What limits apply to a call, held in memory (the gateway folds the event feed into it, so no
 * RPC or database read happens per request). Owners are keyed by id; policies by id.
 */
export class LimitsCatalog {
  readonly keys = new Map<string, OwnerLimits>();
  readonly workspaces = new Map<string, OwnerLimits>();
  readonly providers = new Map<string, OwnerLimits>();
  readonly policies = new Map<string, LimitPolicy>();

  rulesFor(request: AdmissionRequest): LimitRule[] {
    const rules: LimitRule[] = [];
    const owner = (map: Map<string, OwnerLimits>, id: string | null, label: string, prefix: string) => {
      const limits = id ? map.get(id) : undefined;
      if (limits && id) rules.push(...ownerRules(limits, `${prefix}_${safe(id)}`, `${label} ${id}`));
    };
    owner(this.keys, request.apiKeyId, 'api key', 'k');
    owner(this.workspaces, request.workspaceId, 'workspace', 'w');
    owner(this.providers, request.providerId, 'provider', 'p');
    for (const policy of this.policies.values()) {
      if (policy.status !== 'active' || policy.orgId !== request.orgId) continue;
      if (policy.workspaceId && policy.workspaceId !== request.workspaceId) continue;
      if (!policy.conditions.every((c) => matches(c, request))) continue;
      // Values joined by `&` as `reset_usage_for_value` names them (a value holding `&` is split like a reset's).
      const valueKey = policy.groupBy.map((g) => fieldOf(g.key, request) ?? '').join('&');
      if (policy.kind === 'rate' && isRateUnit(policy.unit) && (policy.type === 'requests' || policy.type === 'tokens')) {
        const scope = `pol_${safe(policy.id)}_${digest(groupOf(policy, (_key, i) => valueKey.split('&')[i] ?? ''))}`;
        rules.push({ kind: 'rate', scope, source: `policy ${policy.id}`, type: policy.type, unit: policy.unit, value: policy.value });
      } else {
        const rule = entityRule(policy, valueKey);
        if (rule) rules.push(rule);
      }
    }
    return rules;
  }
}

/**
 * The usage rule of one of a policy's entities, rebuilt from its value key: the same counter key
 * the data plane charges (so the entities route reads what admission reads).
 */
export function entityRule(policy: LimitPolicy, valueKey: string): UsageRule | null {
  if (policy.kind !== 'usage' || (policy.type !== 'cost' && policy.type !== 'tokens')) return null;
  const parts = valueKey.split('&');
  const group = groupOf(policy, (_key, i) => parts[i] ?? '');
  const id = digest(group);
  return {
    kind: 'usage', scope: `pol_${safe(policy.id)}_${id}`, source: `policy ${policy.id}`, type: policy.type, creditLimit: policy.value,
    alertThreshold: policy.alertThreshold ?? null, periodicReset: policy.periodicReset ?? null, periodicResetDays: null,
    resetEpoch: Math.max(policy.resetEpoch, policy.valueEpochs?.[group] ?? 0), entity: { policyId: policy.id, id, valueKey },
  };
}

/**
 * The group a call falls in for a policy: its `group_by` fields and their values. A reset for
 * one value names it alone (`reset_usage_for_value`); with several group fields, the value is
 * taken as `a&b` in `group_by` order.
 */
export function groupOf(policy: Pick<LimitPolicy, 'groupBy'>, valueOf: (key: string, index: number) => string): string {
  return policy.groupBy.map((g, i) => `${g.key}=${valueOf(g.key, i)}`).join('&');
}

function ownerRules(limits: OwnerLimits, scope: string, source: string): LimitRule[] {
  const rules: LimitRule[] = [];
  const rates = Array.isArray(limits.rateLimits) ? limits.rateLimits : limits.rateLimits ? [limits.rateLimits] : [];
  for (const r of rates as Array<Record<string, unknown>>) {
    if (!r || (r.type !== 'requests' && r.type !== 'tokens') || !isRateUnit(r.unit) || typeof r.value !== 'number') continue;
    rules.push({ kind: 'rate', scope, source, type: r.type, unit: r.unit, value: r.value } satisfies RateRule);
  }
  const usages = Array.isArray(limits.usageLimits) ? limits.usageLimits : limits.usageLimits ? [limits.usageLimits] : [];
  for (const [i, u] of (usages as Array<Record<string, unknown>>).entries()) {
    if (!u || typeof u.credit_limit !== 'number') continue;
    rules.push({
      kind: 'usage',
      scope: `${scope}_${i}`,
      source,
      type: u.type === 'tokens' ? 'tokens' : 'cost',
      creditLimit: u.credit_limit,
      alertThreshold: typeof u.alert_threshold === 'number' ? u.alert_threshold : null,
      periodicReset: u.periodic_reset === 'weekly' || u.periodic_reset === 'monthly' ? u.periodic_reset : null,
      periodicResetDays: typeof u.periodic_reset_days === 'number' ? u.periodic_reset_days : null,
      ...(limits.anchorMs !== undefined ? { anchorMs: limits.anchorMs } : {}),
      resetEpoch: limits.resetEpoch,
    } satisfies UsageRule);
  }
  return rules;
}

/** Condition and group keys: `api_key`, `workspace_id`, `organisation_id`, `metadata.<field>`. */
function fieldOf(key: string, request: AdmissionRequest): string | null {
  if (key === 'api_key') return request.apiKeyId;
  if (key === 'workspace_id') return request.workspaceId;
  if (key === 'organisation_id') return request.orgId;
  if (key.startsWith('metadata.')) return request.metadata[key.slice('metadata.'.length)] ?? null;
  return null;
}

/** `*` matches any present value; a comma list matches any of its values. */
function matches(condition: { key: string; value: string }, request: AdmissionRequest): boolean {
  const actual = fieldOf(condition.key, request);
  if (actual === null) return false;
  if (condition.value === '*') return true;
  return condition.value.split(',').map((v) => v.trim()).includes(actual);
}

const safe = (id: string) => id.replace(/[^-_a-zA-Z0-9]/g, '_');
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);
