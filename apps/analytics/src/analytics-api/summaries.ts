import type { AnalyticsSummaryView } from '#libs/contracts';
import { num, percent, totals, type AnalyticsScope } from './series.js';

/**
 * summary/cache: cache hits, their average latency, all requests, and `cache_speedup` — how much
 * faster (percent) a hit answered than a miss, 0 when either side is empty.
 */
export async function cacheSummary(s: AnalyticsScope): Promise<AnalyticsSummaryView> {
  const v = await totals(s, 'logs', ['requests', 'cacheSimpleHits', 'cacheSemanticHits', 'cacheHitLatencyAvg', 'cacheMissLatencyAvg']);
  const hit = v.cacheHitLatencyAvg;
  const miss = v.cacheMissLatencyAvg;
  const speedup = typeof hit === 'number' && typeof miss === 'number' && miss > 0 ? percent(miss - hit, miss) : 0;
  return {
    object: 'analytics-summary',
    summary: { hits: num(v.cacheSimpleHits) + num(v.cacheSemanticHits), avg_latency: num(hit), total_requests: num(v.requests), cache_speedup: speedup },
  };
}
