import type { AnalyticsGraphView } from '#libs/contracts';
import { bucketTimestamp } from './granularity.js';
import { graph, num, percent, ratio, series, timeGraph, totals, type AnalyticsScope, type Values } from './series.js';

const hits = (v: Values) => num(v.cacheSimpleHits) + num(v.cacheSemanticHits);

/** errors-stack: per bucket, the error count of each status code (codes ≥ 400 only). */
async function errorsStack(s: AnalyticsScope): Promise<AnalyticsGraphView> {
  const [whole, grouped] = await Promise.all([
    totals(s, 'logs', ['errors']),
    s.store.aggregate({ source: 'logs', filter: s.filter, measures: ['errors'], bucket: s.buckets, groupBy: 'statusCode' }),
  ]);
  const stats: Array<Array<{ response_status_code: number; count: number }>> = Array.from({ length: s.buckets.count }, () => []);
  for (const row of grouped.rows) {
    if (row.bucket === undefined || !num(row.values.errors)) continue;
    stats[row.bucket]?.push({ response_status_code: Number(row.group), count: num(row.values.errors) });
  }
  for (const list of stats) list.sort((a, b) => a.response_status_code - b.response_status_code);
  return graph({ total: num(whole.errors) }, stats.map((list, i) => ({ timestamp: bucketTimestamp(s.buckets, i), stats: list })));
}

/** errors-status-code: one point per error status code over the whole range (no timestamps). */
async function errorsStatusCode(s: AnalyticsScope): Promise<AnalyticsGraphView> {
  const grouped = await s.store.aggregate({ source: 'logs', filter: s.filter, measures: ['errors'], groupBy: 'statusCode', order: { measure: 'errors', direction: 'desc' } });
  const points = grouped.rows.filter((r) => num(r.values.errors) > 0).map((r) => ({ status_code: Number(r.group), count: num(r.values.errors) }));
  return graph({ total_errors: points.reduce((a, p) => a + p.count, 0), unique_error_codes: points.length }, points);
}

/** cache-hit-rate: savings accumulate bucket after bucket. */
async function cacheHitRate(s: AnalyticsScope): Promise<AnalyticsGraphView> {
  const measures = ['requests', 'cacheSimpleHits', 'cacheSemanticHits', 'cacheSimpleSavings', 'cacheSemanticSavings'] as const;
  const [whole, points] = await Promise.all([totals(s, 'logs', [...measures]), series(s, 'logs', [...measures])]);
  let simple = 0;
  let semantic = 0;
  const data = points.map((v, i) => {
    simple += num(v.cacheSimpleSavings);
    semantic += num(v.cacheSemanticSavings);
    return {
      timestamp: bucketTimestamp(s.buckets, i),
      simple_hits: num(v.cacheSimpleHits),
      semantic_hits: num(v.cacheSemanticHits),
      rate: percent(hits(v), num(v.requests)),
      cumulative_simple_cache_savings: simple,
      cumulative_semantic_cache_savings: semantic,
    };
  });
  return graph({ total: hits(whole), rate: percent(hits(whole), num(whole.requests)) }, data);
}

/** feedbacks/score: how many feedbacks gave each score (no timestamps). */
async function feedbackScores(s: AnalyticsScope): Promise<AnalyticsGraphView> {
  const grouped = await s.store.aggregate({ source: 'feedback', filter: s.filter, measures: ['feedbacks'], groupBy: 'feedbackValue' });
  const points = grouped.rows.map((r) => ({ score: Number(r.group), total: num(r.values.feedbacks) })).sort((a, b) => a.score - b.score);
  return graph({ total: points.reduce((a, p) => a + p.total, 0) }, points);
}

/** feedbacks/ai-models: feedback by the model of its trace. */
async function feedbackAiModels(s: AnalyticsScope): Promise<AnalyticsGraphView> {
  const grouped = await s.store.aggregate({ source: 'feedback', filter: s.filter, measures: ['feedbacks', 'feedbackWeightedAvg'], groupBy: 'traceModel' });
  return graph({}, grouped.rows.map((r) => ({ ai_model: r.group, total: num(r.values.feedbacks), avg_weighted_feedback: num(r.values.feedbackWeightedAvg) })));
}

/**
 * Every graph of §2.13 by its canonical (SDK, hyphenated) name, with the fields of the reference's
 * table. Costs are cents; rates are percentages (0–100); averages of nothing are 0.
 */
export const GRAPHS: Record<string, (s: AnalyticsScope) => Promise<AnalyticsGraphView>> = {
  requests: timeGraph('logs', ['requests'], (v) => ({ total: num(v.requests) })),
  cost: timeGraph('logs', ['requests', 'cost'], (v) => ({ total: num(v.cost), avg: ratio(num(v.cost), num(v.requests)) })),
  latency: timeGraph('logs', ['latencyAvg', 'latencyP50', 'latencyP90', 'latencyP99'], (v) => ({ avg: num(v.latencyAvg), p50: num(v.latencyP50), p90: num(v.latencyP90), p99: num(v.latencyP99) })),
  tokens: timeGraph('logs', ['requests', 'tokens'], (v) => ({ total: num(v.tokens), avg: ratio(num(v.tokens), num(v.requests)) })),
  users: timeGraph('logs', ['users'], (v) => ({ total: num(v.users) })),
  'users-requests': timeGraph(
    'logs',
    ['requests', 'users'],
    (v) => ({ total: num(v.requests), unique: num(v.users), avg: ratio(num(v.requests), num(v.users)) }),
    (v) => ({ avg: ratio(num(v.requests), num(v.users)) }),
  ),
  errors: timeGraph('logs', ['errors'], (v) => ({ total: num(v.errors) })),
  'errors-rate': timeGraph('logs', ['requests', 'errors'], (v) => ({ rate: percent(num(v.errors), num(v.requests)) })),
  'errors-stack': errorsStack,
  'errors-status-code': errorsStatusCode,
  'requests-rescued': timeGraph(
    'logs',
    ['retried', 'retrySucceeded', 'fallback', 'fallbackSucceeded'],
    (v) => ({ retry: num(v.retried), fallback: num(v.fallback) }),
    (v) => ({ retry: [{ retry_success_count: num(v.retrySucceeded), count: num(v.retried) }], fallback: num(v.fallback), fallback_success_count: num(v.fallbackSucceeded) }),
  ),
  'cache-hit-rate': cacheHitRate,
  'cache-latency': timeGraph('logs', ['cacheHitLatencyAvg', 'cacheMissLatencyAvg'], () => ({}), (v) => ({ avg: num(v.cacheHitLatencyAvg), miss_avg: num(v.cacheMissLatencyAvg) })),
  feedbacks: timeGraph('feedback', ['feedbacks'], (v) => ({ total: num(v.feedbacks) })),
  'feedbacks-score': feedbackScores,
  'feedbacks-weighted': timeGraph('feedback', ['feedbackWeightedAvg'], (v) => ({ avg: num(v.feedbackWeightedAvg) })),
  'feedbacks-ai-models': feedbackAiModels,
};
