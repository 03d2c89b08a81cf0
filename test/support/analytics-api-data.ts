import type { AnalyticsQuery } from '#libs/contracts';
import type { AnalyticsFeedback, AnalyticsLog } from '../../apps/analytics/src/analytics-store/analytics-store.port.js';
import { MemoryAnalyticsStore } from '../../apps/analytics/src/analytics-store/memory-analytics-store.js';
import { analyticsFilter } from '../../apps/analytics/src/analytics-api/analytics-filter.js';
import { bucketsFor } from '../../apps/analytics/src/analytics-api/granularity.js';
import type { AnalyticsScope } from '../../apps/analytics/src/analytics-api/series.js';

/** Hand-made records for the route unit tests (the parity suites use random ones). */
export const ORG = 'org-1';
export const T0 = Date.parse('2026-11-02T10:00:00.000Z');
const MIN = 60_000;

let n = 0;
export function log(over: Partial<AnalyticsLog> = {}): AnalyticsLog {
  n += 1;
  return {
    id: `log-${n}`, seq: n, at: T0, orgId: ORG, workspaceId: 'ws-a', workspaceSlug: 'a', apiKeyId: 'key-1', user: 'u1', virtualKey: 'vk-1', providerSlug: null,
    configSlug: null, promptSlug: null, aiProvider: 'openai', model: 'gpt-4o', promptTokens: 10, completionTokens: 20, totalTokens: 30, costCents: 2, savedCents: 0, latencyMs: 100,
    status: 200, retries: 0, fallbackIndex: 0, cacheStatus: 'MISS', traceId: `trace-${n}`, spanId: null, metadata: {}, ...over,
  };
}

export function feedback(over: Partial<AnalyticsFeedback> = {}): AnalyticsFeedback {
  n += 1;
  return { id: `fb-${n}`, orgId: ORG, workspaceId: 'ws-a', traceId: 'trace-x', value: 1, weight: 1, at: T0, ...over };
}

export const minutes = (k: number) => T0 + k * MIN;
export const iso = (ms: number) => new Date(ms).toISOString();

/** A one-hour query from T0 (60 minute buckets) unless the range is given. */
export function query(over: Partial<AnalyticsQuery> = {}): AnalyticsQuery {
  return { time_of_generation_min: iso(T0), time_of_generation_max: iso(T0 + 60 * MIN), ...over } as AnalyticsQuery;
}

export async function scopeOver(logs: AnalyticsLog[], fbs: AnalyticsFeedback[] = [], q: AnalyticsQuery = query(), workspaceIds = ['ws-a', 'ws-b']): Promise<AnalyticsScope> {
  const store = new MemoryAnalyticsStore();
  await store.ingestLogs(logs);
  await store.upsertFeedback(fbs, 1);
  const filter = analyticsFilter(q, { orgId: ORG, workspaceIds });
  return { store, filter, buckets: bucketsFor(filter.from, filter.to) };
}
