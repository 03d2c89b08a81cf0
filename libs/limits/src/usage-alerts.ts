import type { UsageRule } from './limit-rules.js';

/** A usage limit crossed its alert threshold or its limit (sent once per counter period). */
export interface UsageAlert {
  kind: 'threshold' | 'exhausted';
  source: string;
  type: 'cost' | 'tokens';
  creditLimit: number;
  alertThreshold: number | null;
  currentUsage: number;
  policyId: string | null;
  valueKey: string | null;
}

/** Which limits a charge from `before` to `after` crossed (pure: the decision behind every alert). */
export function crossings(rule: Pick<UsageRule, 'creditLimit' | 'alertThreshold'>, before: number, after: number): Array<UsageAlert['kind']> {
  const out: Array<UsageAlert['kind']> = [];
  if (rule.alertThreshold !== null && rule.alertThreshold > 0 && before < rule.alertThreshold && after >= rule.alertThreshold) out.push('threshold');
  if (before < rule.creditLimit && after >= rule.creditLimit) out.push('exhausted');
  return out;
}

/** The KV key of a policy entity's write-once record (ids made KV-key safe). */
export const entityKey = (policyId: string, entityId: string) => `entity.${policyId.replace(/[^-_a-zA-Z0-9]/g, '_')}.${entityId}`;

/** The NATS subject alerts are published on (for a mail or webhook bridge; core NATS, fire and forget). */
export const USAGE_ALERT_SUBJECT = 'portcullis.alerts.usage-limits';
