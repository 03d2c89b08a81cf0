import type { Measure } from '../analytics-store/analytics-store.port.js';
import { badQuery } from './bad-query.js';
import { num, percent, ratio, type Values } from './series.js';

export interface Column {
  measures: Measure[];
  value: (v: Values) => number | string | null;
  /** The measure `order_by` sorts on, when the column is one measure. */
  orderMeasure?: Measure;
}

const iso = (ms: number | null | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : null);
const one = (m: Measure): Column => ({ measures: [m], value: (v) => num(v[m]), orderMeasure: m });

/**
 * The columns a group row may carry (the SDK's `columns` values plus those of the metadata group).
 */
export const COLUMNS: Record<string, Column> = {
  requests: one('requests'),
  cost: one('cost'),
  total_tokens: one('tokens'),
  avg_tokens: { measures: ['requests', 'tokens'], value: (v) => ratio(num(v.tokens), num(v.requests)) },
  avg_input_tokens: { measures: ['requests', 'promptTokens'], value: (v) => ratio(num(v.promptTokens), num(v.requests)) },
  avg_output_tokens: { measures: ['requests', 'completionTokens'], value: (v) => ratio(num(v.completionTokens), num(v.requests)) },
  avg_latency: one('latencyAvg'),
  p95_latency: one('latencyP95'),
  p99_latency: one('latencyP99'),
  success_rate: { measures: ['requests', 'errors'], value: (v) => percent(num(v.requests) - num(v.errors), num(v.requests)) },
  error_count: one('errors'),
  errors: one('errors'),
  cache_hit_rate: { measures: ['requests', 'cacheSimpleHits', 'cacheSemanticHits'], value: (v) => percent(num(v.cacheSimpleHits) + num(v.cacheSemanticHits), num(v.requests)) },
  last_seen: { measures: ['lastSeen'], value: (v) => iso(v.lastSeen), orderMeasure: 'lastSeen' },
  first_seen: { measures: ['firstSeen'], value: (v) => iso(v.firstSeen), orderMeasure: 'firstSeen' },
  avg_weighted_feedback: { measures: ['weightedFeedbackAvg'], value: (v) => num(v.weightedFeedbackAvg), orderMeasure: 'weightedFeedbackAvg' },
  requests_with_feedback: one('withFeedback'),
  tokens: one('tokens'),
};

/** `columns=a,b` of `groups/{groupBy}`: known names only. */
export function columnsOf(raw: string | undefined, fallback: string[]): string[] {
  if (raw === undefined || raw.trim() === '') return fallback;
  const names = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  const unknown = names.find((n) => !COLUMNS[n]);
  if (unknown) throw badQuery('columns', `has unknown column ${JSON.stringify(unknown.slice(0, 40))} (one of ${Object.keys(COLUMNS).join(', ')})`);
  return names.length ? names : fallback;
}

/** `order_by` + `order_by_type` of a group: a column that is one measure; default requests desc. */
export function orderOf(orderBy: string | undefined, type: string | undefined): { measure: Measure; direction: 'asc' | 'desc' } {
  const direction = type?.toLowerCase() === 'asc' ? 'asc' : 'desc';
  if (orderBy === undefined || orderBy === '') return { measure: 'requests', direction };
  const measure = COLUMNS[orderBy]?.orderMeasure;
  if (!measure) {
    const allowed = Object.entries(COLUMNS).filter(([, c]) => c.orderMeasure).map(([n]) => n);
    throw badQuery('order_by', `must be one of ${allowed.join(', ')}`);
  }
  return { measure, direction };
}
