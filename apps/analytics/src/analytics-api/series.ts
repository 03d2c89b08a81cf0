import type { AnalyticsGraphView } from '#libs/contracts';
import type { AggregateRow, AnalyticsFilter, AnalyticsStore, BucketSpec, Measure } from '../analytics-store/analytics-store.port.js';
import { bucketTimestamp } from './granularity.js';

export type Values = AggregateRow['values'];

/** What a graph or group runs over: the store, the resolved filter and the range's buckets. */
export interface AnalyticsScope {
  store: AnalyticsStore;
  filter: AnalyticsFilter;
  buckets: BucketSpec;
}

type Source = 'logs' | 'feedback';

/** A measure as a number: empty averages (null) read as 0 on the wire. */
export const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
/** a / b, 0 when b is 0. */
export const ratio = (a: number, b: number) => (b ? a / b : 0);
export const percent = (a: number, b: number) => ratio(a, b) * 100;

export async function totals(s: AnalyticsScope, source: Source, measures: Measure[]): Promise<Values> {
  const result = await s.store.aggregate({ source, filter: s.filter, measures });
  return result.rows[0]?.values ?? {};
}

/** One value set per bucket, every bucket present (empty buckets hold no values: they read as 0). */
export async function series(s: AnalyticsScope, source: Source, measures: Measure[]): Promise<Values[]> {
  const result = await s.store.aggregate({ source, filter: s.filter, measures, bucket: s.buckets });
  const out: Values[] = Array.from({ length: s.buckets.count }, () => ({}));
  for (const row of result.rows) if (row.bucket !== undefined && row.bucket >= 0 && row.bucket < out.length) out[row.bucket] = row.values;
  return out;
}

export const graph = (summary: Record<string, unknown>, data_points: Array<Record<string, unknown>>): AnalyticsGraphView => ({ object: 'analytics-graph', summary, data_points });

/** A graph whose summary and points are shaped from the same measures over the range and per bucket. */
export function timeGraph(
  source: Source,
  measures: Measure[],
  summaryOf: (v: Values) => Record<string, unknown>,
  pointOf: (v: Values) => Record<string, unknown> = summaryOf,
) {
  return async (s: AnalyticsScope): Promise<AnalyticsGraphView> => {
    const [whole, points] = await Promise.all([totals(s, source, measures), series(s, source, measures)]);
    return graph(summaryOf(whole), points.map((v, i) => ({ timestamp: bucketTimestamp(s.buckets, i), ...pointOf(v) })));
  };
}
