import { randomUUID } from 'node:crypto';
import type { KvCounters } from './kv-counters.js';
import { counterKey, rateWindow, usagePeriod, type LimitRule } from './limit-rules.js';
import type { LimitsCatalog } from './limits-catalog.js';
import type { Admission, AdmissionRequest, AdmissionTicket, CallUsage, LimitsPort } from './limits.port.js';

/** What a ticket carries per counter it must charge on settle. */
interface TicketEntry {
  key: string;
  measure: 'tokens' | 'cost';
  /** Which bucket holds it. */
  bucket: 'rate' | 'usage';
  /** Tokens already counted at admission (token rate limits reserve the estimate). */
  reserved: number;
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
  ) {}

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
      entries.push({ key, measure: rule.type, reserved: 0, bucket: 'usage' });
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
      entries.map((e) => {
        const amount = e.measure === 'cost' ? usage.costCents / 100 : usage.totalTokens - e.reserved;
        return amount ? (e.bucket === 'usage' ? this.usage : this.counters).add(e.key, amount) : Promise.resolve(null);
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
