import { randomUUID } from 'node:crypto';
import type { KvCounters } from './kv-counters.js';
import { counterKey, rateWindow, usagePeriod, type LimitRule, type UsageRule } from './limit-rules.js';
import { entityRule, type LimitPolicy, type LimitsCatalog } from './limits-catalog.js';
import { crossings, entityKey, type UsageAlert } from './usage-alerts.js';
import type { Admission, AdmissionRequest, AdmissionTicket, CallUsage, LimitsPort } from './limits.port.js';

/** What a ticket carries per counter it must charge on settle. */
interface TicketEntry {
  key: string;
  measure: 'tokens' | 'cost';
  /** Which bucket holds it. */
  bucket: 'rate' | 'usage';
  /** Tokens already counted at admission (token rate limits reserve the estimate). */
  reserved: number;
  /** Usage limits: what alerts and entity registration need. */
  rule?: Pick<UsageRule, 'source' | 'type' | 'creditLimit' | 'alertThreshold' | 'entity'>;
}

/** One group value of a usage-limits policy and its usage in the current period. */
export interface PolicyEntity {
  id: string;
  value_key: string;
  current_usage: number;
  status: 'active' | 'exhausted';
  is_threshold_alerts_sent: boolean;
  is_exhausted_alerts_sent: boolean;
}

/**
 * Limits over shared JetStream KV counters. Rate limits are fixed windows (UTC-aligned minute,
 * hour, day …): admission is a compare-and-set increment that is refused once the window holds
 * `value`, so exactly `value` calls pass per window across every replica. Usage limits are
 * checked at admission and charged at settle; once the period's usage reaches the limit the call
 * is refused with 412 until the period ends (or a reset starts a new epoch).
 */
export class JetStreamLimits implements LimitsPort {
  /** `usage` counters may be a bucket of their own whose entries never expire (default: `counters`). */
  constructor(
    private readonly counters: KvCounters,
    private readonly catalog: LimitsCatalog,
    private readonly usage: KvCounters = counters,
    /** Told once per counter period when usage crosses the alert threshold or the limit. */
    private readonly alert: (alert: UsageAlert) => void = () => undefined,
  ) {}

  /** Entities this process registered already (their write-once records exist). */
  private readonly registered = new Set<string>();

  async admit(request: AdmissionRequest): Promise<Admission> {
    const rules = this.catalog.rulesFor(request);
    const now = request.now;
    const entries: TicketEntry[] = [];
    for (const rule of rules) {
      if (rule.kind !== 'usage') continue;
      const key = counterKey(rule, now);
      const { value } = await this.usage.read(key);
      if (value >= rule.creditLimit) {
        const end = usagePeriod(rule, now).end;
        return {
          allow: false,
          status: 412,
          errorCode: 'AB09',
          message: `the ${rule.type} usage limit of ${rule.source} (${rule.creditLimit}) is exhausted${end ? ` until ${new Date(end).toISOString()}` : ''}`,
          ...(end ? { retryAfterSeconds: Math.max(1, Math.ceil((end - now) / 1000)) } : {}),
        };
      }
      entries.push({ key, measure: rule.type, reserved: 0, bucket: 'usage', rule: { source: rule.source, type: rule.type, creditLimit: rule.creditLimit, alertThreshold: rule.alertThreshold, ...(rule.entity ? { entity: rule.entity } : {}) } });
    }
    const taken: Array<{ key: string; amount: number }> = [];
    for (const rule of rules) {
      if (rule.kind !== 'rate') continue;
      const key = counterKey(rule, now);
      const amount = rule.type === 'requests' ? 1 : Math.max(0, request.estimatedTokens ?? 0);
      // Requests are exact: the window admits `value` of them. Tokens are known only after the call, so a
      // call is admitted while the window is below the limit (its estimate reserved, corrected at settle).
      const after = await this.counters.add(key, amount, (current) => (rule.type === 'requests' ? current + amount > rule.value : current >= rule.value));
      if (after === null) {
        // Give back what the earlier limits of this call took: the call does not happen.
        await Promise.all(taken.map((t) => this.counters.add(t.key, -t.amount)));
        return refusal(rule, now);
      }
      if (amount) taken.push({ key, amount });
      if (rule.type === 'tokens') entries.push({ key, measure: 'tokens', reserved: amount, bucket: 'rate' });
    }
    return { allow: true, ticket: { id: randomUUID(), entries } };
  }

  async settle(ticket: AdmissionTicket, usage: CallUsage): Promise<void> {
    const entries = ticket.entries as TicketEntry[];
    await Promise.all(
      entries.map(async (e) => {
        const amount = e.measure === 'cost' ? usage.costCents / 100 : usage.totalTokens - e.reserved;
        if (e.rule?.entity) await this.register(e.rule.entity);
        if (!amount) return;
        const after = await (e.bucket === 'usage' ? this.usage : this.counters).add(e.key, amount);
        if (after !== null && e.rule) await this.alertOnCrossing(e.key, e.rule, after - amount, after);
      }),
    );
  }

  /** A policy entity's write-once record: the entities route lists these (value keys are not recoverable from counter keys). */
  private async register(entity: NonNullable<UsageRule['entity']>): Promise<void> {
    const key = entityKey(entity.policyId, entity.id);
    if (this.registered.has(key)) return;
    await this.usage.create(key, JSON.stringify({ value_key: entity.valueKey }));
    this.registered.add(key);
  }

  /** Exactly one alert per counter period and kind, whichever replica charges the crossing call (a create-only marker decides). */
  private async alertOnCrossing(key: string, rule: NonNullable<TicketEntry['rule']>, before: number, after: number): Promise<void> {
    for (const kind of crossings(rule, before, after)) {
      if (!(await this.usage.create(`alert.${kind}.${key}`, new Date().toISOString()))) continue;
      this.alert({ kind, source: rule.source, type: rule.type, creditLimit: rule.creditLimit, alertThreshold: rule.alertThreshold, currentUsage: after, policyId: rule.entity?.policyId ?? null, valueKey: rule.entity?.valueKey ?? null });
    }
  }

  /** Every entity of a usage-limits policy with its usage in the period `now` falls in. */
  async entities(policy: LimitPolicy, now: number): Promise<PolicyEntity[]> {
    const records = await this.usage.list(entityKey(policy.id, '').slice(0, -1));
    return Promise.all(
      records.map(async (r) => {
        const valueKey = (JSON.parse(r.text) as { value_key: string }).value_key;
        const rule = entityRule(policy, valueKey);
        const key = rule ? counterKey(rule, now) : null;
        const current = key ? (await this.usage.read(key)).value : 0;
        const [threshold, exhausted] = key ? await Promise.all([this.usage.text(`alert.threshold.${key}`), this.usage.text(`alert.exhausted.${key}`)]) : [null, null];
        return {
          id: r.key.slice(r.key.lastIndexOf('.') + 1),
          value_key: valueKey,
          current_usage: current,
          status: rule && current >= rule.creditLimit ? 'exhausted' : 'active',
          is_threshold_alerts_sent: threshold !== null,
          is_exhausted_alerts_sent: exhausted !== null,
        } satisfies PolicyEntity;
      }),
    );
  }
}

function refusal(rule: Extract<LimitRule, { kind: 'rate' }>, now: number): Admission {
  const { end } = rateWindow(rule.unit, now);
  return {
    allow: false,
    status: 429,
    errorCode: 'AB06',
    message: `rate limit exceeded: ${rule.source} allows ${rule.value} ${rule.type} per ${UNIT_NAMES[rule.unit]}`,
    retryAfterSeconds: Math.max(1, Math.ceil((end - now) / 1000)),
  };
}

const UNIT_NAMES = { rps: 'second', rpm: 'minute', rph: 'hour', rpd: 'day', rpw: 'week' } as const;
