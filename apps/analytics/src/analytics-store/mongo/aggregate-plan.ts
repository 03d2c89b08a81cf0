import type { AggregateQuery, AnalyticsFilter, LogDimension, Measure } from '../analytics-store.port.js';
import { ROLLUPS, type RollupUnit } from './analytics-collections.js';

/** A slice of the query's time range and what serves it: one rollup unit's buckets, or raw logs. */
export interface Segment {
  source: RollupUnit | 'raw';
  from: number;
  to: number;
}

export type AggregatePlan = { path: 'buckets'; segments: Segment[] } | { path: 'raw'; reason: string };

/**
 * Measures a bucket can answer: everything but the feedback join, which changes after ingest, and
 * `firstSeen` (buckets written before it existed cannot say; a group asking for it reads raw logs).
 */
const BUCKET_MEASURES = new Set<Measure>([
  'requests', 'cost', 'tokens', 'promptTokens', 'completionTokens', 'latencyAvg', 'latencyP50', 'latencyP90', 'latencyP95', 'latencyP99', 'users', 'errors',
  'cacheSimpleHits', 'cacheSemanticHits', 'cacheHitLatencyAvg', 'cacheMissLatencyAvg', 'cacheSimpleSavings', 'cacheSemanticSavings',
  'retried', 'retrySucceeded', 'fallback', 'fallbackSucceeded', 'lastSeen',
]);
const PERCENTILES = new Set<Measure>(['latencyP50', 'latencyP90', 'latencyP95', 'latencyP99']);
/** Group keys derivable from a bucket's dimensions (`BUCKET_KEYS`). */
const BUCKET_GROUPS = new Set<LogDimension>(['model', 'aiProvider', 'aiOrgModel', 'statusCode', 'workspace']);

function rawOnlyFilter(f: AnalyticsFilter): string | undefined {
  if (f.virtualKeys?.length) return 'virtual keys';
  if (f.configs?.length) return 'configs';
  if (f.apiKeyIds?.length) return 'api keys';
  if (f.promptSlugs?.length) return 'prompt slugs';
  if (f.traceIds?.length) return 'trace ids';
  if (f.spanIds?.length) return 'span ids';
  if (f.metadata && Object.keys(f.metadata).length) return 'metadata';
  const bounded = (r?: { min?: number; max?: number }) => r && (r.min !== undefined || r.max !== undefined);
  if (bounded(f.totalUnits) || bounded(f.cost) || bounded(f.promptTokens) || bounded(f.completionTokens)) return 'a per-log range';
  if (bounded(f.weightedFeedback)) return 'weighted feedback';
  return undefined;
}

/** Covers [from, to) with whole units, largest first; what no allowed unit covers is read raw. */
export function coverRange(from: number, to: number, units: ReadonlyArray<{ unit: RollupUnit; ms: number }>): Segment[] {
  if (from >= to) return [];
  const [u, ...rest] = units;
  if (!u) return [{ source: 'raw', from, to }];
  const a = Math.ceil(from / u.ms) * u.ms;
  const b = Math.floor(to / u.ms) * u.ms;
  if (a >= b) return coverRange(from, to, rest);
  return [...coverRange(from, a, rest), { source: u.unit, from: a, to: b }, ...coverRange(b, to, rest)];
}

/**
 * Which store serves a query. Buckets when the measures, the grouping and the filter only use what
 * a bucket keeps; a unit is allowed when each of its buckets falls in one requested bucket (the
 * requested start and width are whole units). Range edges no unit covers are read from raw logs.
 */
export function planAggregate(q: AggregateQuery): AggregatePlan {
  if (q.source !== 'logs') return { path: 'raw', reason: 'feedback graphs read feedback' };
  const measures = [...q.measures, ...(q.order ? [q.order.measure] : [])];
  const unserved = measures.find((m) => !BUCKET_MEASURES.has(m));
  if (unserved) return { path: 'raw', reason: `measure ${unserved}` };
  // Which groups make a page must not depend on the histogram's error.
  if (q.groupBy && !q.bucket && q.order && PERCENTILES.has(q.order.measure)) return { path: 'raw', reason: `order on ${q.order.measure}` };
  if (q.groupBy && !BUCKET_GROUPS.has(q.groupBy as LogDimension)) return { path: 'raw', reason: `group by ${q.groupBy}` };
  const filter = rawOnlyFilter(q.filter);
  if (filter) return { path: 'raw', reason: `filter on ${filter}` };
  const b = q.bucket;
  const units = ROLLUPS.filter((u) => !b || (b.width % u.ms === 0 && b.start % u.ms === 0));
  const from = b ? Math.max(q.filter.from, b.start) : q.filter.from;
  const to = b ? Math.min(q.filter.to, b.start + b.count * b.width) : q.filter.to;
  const segments = coverRange(from, to, units);
  if (!segments.some((s) => s.source !== 'raw')) return { path: 'raw', reason: 'no whole rollup unit in the range' };
  return { path: 'buckets', segments };
}
