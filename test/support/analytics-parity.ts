import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AggregateQuery, AggregateResult, AnalyticsFilter, AnalyticsStore, LogDimension, LogMeasure, Measure } from '../../apps/analytics/src/analytics-store/analytics-store.port.js';
import { referenceAggregate } from '../../apps/analytics/src/analytics-store/reference-aggregate.js';
import { randomAnalytics, type RandomAnalytics } from './random-analytics.js';

const LOG_MEASURES: LogMeasure[] = [
  'requests', 'cost', 'tokens', 'promptTokens', 'completionTokens', 'latencyAvg', 'latencyP50', 'latencyP90', 'latencyP95', 'latencyP99', 'users', 'errors',
  'cacheSimpleHits', 'cacheSemanticHits', 'cacheHitLatencyAvg', 'cacheMissLatencyAvg', 'cacheSimpleSavings', 'cacheSemanticSavings',
  'retried', 'retrySucceeded', 'fallback', 'fallbackSucceeded', 'firstSeen', 'lastSeen', 'withFeedback', 'weightedFeedbackAvg',
];
const DIMENSIONS: LogDimension[] = ['user', 'model', 'aiProvider', 'aiOrgModel', 'statusCode', 'apiKey', 'config', 'workspace', 'virtualKey', 'provider', 'prompt', 'metadata:env', 'metadata:team', 'metadata:absent'];
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The queries every adapter must answer like the reference: each measure, bucket size, dimension and filter. */
export function parityQueries(d: RandomAnalytics): Array<{ name: string; query: AggregateQuery }> {
  const all: AnalyticsFilter = { orgId: d.orgId, workspaceIds: d.workspaceIds, from: d.startMs, to: d.endMs };
  const two: AnalyticsFilter = { ...all, workspaceIds: d.workspaceIds.slice(0, 2), from: d.startMs + 6 * HOUR + 17 * 60_000, to: d.endMs - 5 * HOUR };
  const q: Array<{ name: string; query: AggregateQuery }> = [];
  q.push({ name: 'summary, every measure', query: { source: 'logs', filter: all, measures: LOG_MEASURES } });
  q.push({ name: 'summary, two workspaces, unaligned range', query: { source: 'logs', filter: two, measures: LOG_MEASURES } });
  q.push({ name: 'daily buckets', query: { source: 'logs', filter: all, measures: LOG_MEASURES, bucket: { start: d.startMs, width: DAY, count: 7 } } });
  q.push({ name: 'hourly buckets, unaligned range', query: { source: 'logs', filter: two, measures: LOG_MEASURES, bucket: { start: two.from - (two.from % HOUR), width: HOUR, count: Math.ceil((two.to - two.from) / HOUR) + 1 } } });
  q.push({ name: 'minute buckets over an hour', query: { source: 'logs', filter: { ...all, from: d.startMs + DAY, to: d.startMs + DAY + HOUR }, measures: ['requests', 'cost', 'latencyP50', 'errors'], bucket: { start: d.startMs + DAY, width: 60_000, count: 60 } } });
  for (const g of DIMENSIONS) {
    q.push({ name: `group by ${g}`, query: { source: 'logs', filter: all, measures: ['requests', 'cost', 'tokens', 'latencyAvg', 'lastSeen', 'withFeedback', 'weightedFeedbackAvg'], groupBy: g } });
  }
  q.push({ name: 'group by model, page 2 of 2-sized pages, ordered by cost asc', query: { source: 'logs', filter: all, measures: ['requests', 'cost'], groupBy: 'model', order: { measure: 'cost', direction: 'asc' }, page: { index: 1, size: 2 } } });
  q.push({ name: 'group by model, p95 latency and first seen, ordered by first seen', query: { source: 'logs', filter: all, measures: ['requests', 'latencyP95', 'firstSeen', 'cacheSimpleSavings'], groupBy: 'model', order: { measure: 'firstSeen', direction: 'asc' } } });
  q.push({ name: 'group by workspace, savings (the rollup path)', query: { source: 'logs', filter: all, measures: ['requests', 'cacheSimpleSavings', 'cacheSemanticSavings'], groupBy: 'workspace' } });
  q.push({ name: 'group by user, page 1 of 10', query: { source: 'logs', filter: two, measures: ['requests', 'cost'], groupBy: 'user', page: { index: 0, size: 10 } } });
  q.push({ name: 'status codes per day (errors stack)', query: { source: 'logs', filter: { ...all, statusCodes: [429, 500, 503, 400, 412] }, measures: ['requests'], bucket: { start: d.startMs, width: DAY, count: 7 }, groupBy: 'statusCode' } });
  const filters: Array<[string, Partial<AnalyticsFilter>]> = [
    ['status codes', { statusCodes: [200, 429] }],
    ['virtual keys', { virtualKeys: ['vk-main'] }],
    ['configs', { configs: ['cfg-lb', 'cfg-cache'] }],
    ['api keys', { apiKeyIds: [`key-${d.workspaceIds[0]}-1`, `key-${d.workspaceIds[1]}-2`] }],
    ['ai org models', { aiOrgModels: [{ provider: 'openai', model: 'gpt-4o' }] }],
    ['trace ids', { traceIds: ['trace-1', 'trace-2', 'trace-3', 'trace-40'] }],
    ['span ids', { spanIds: ['span-1', 'span-7'] }],
    ['prompt slugs', { promptSlugs: ['prompt-welcome'] }],
    ['cache statuses', { cacheStatuses: ['HIT', 'SEMANTIC_HIT'] }],
    ['metadata', { metadata: { env: 'prod', team: 'search' } }],
    ['total units', { totalUnits: { min: 500, max: 1500 } }],
    ['cost', { cost: { min: 1, max: 3 } }],
    ['prompt tokens', { promptTokens: { min: 1000 } }],
    ['completion tokens', { completionTokens: { max: 100 } }],
    ['weighted feedback', { weightedFeedback: { min: 0 } }],
  ];
  for (const [name, f] of filters) {
    q.push({ name: `filter ${name}`, query: { source: 'logs', filter: { ...all, ...f }, measures: ['requests', 'cost', 'tokens', 'latencyP90', 'users'], bucket: { start: d.startMs, width: DAY, count: 7 } } });
    q.push({ name: `filter ${name}, summary`, query: { source: 'logs', filter: { ...all, ...f }, measures: ['requests', 'cost', 'latencyP99'] } });
  }
  const fb: Measure[] = ['feedbacks', 'feedbackValueAvg', 'feedbackWeightedAvg'];
  q.push({ name: 'feedback summary', query: { source: 'feedback', filter: all, measures: fb } });
  q.push({ name: 'feedback per day', query: { source: 'feedback', filter: two, measures: fb, bucket: { start: d.startMs, width: DAY, count: 7 } } });
  q.push({ name: 'feedback by score', query: { source: 'feedback', filter: all, measures: ['feedbacks'], groupBy: 'feedbackValue' } });
  q.push({ name: 'feedback by model of the trace', query: { source: 'feedback', filter: all, measures: fb, groupBy: 'traceModel' } });
  q.push({ name: 'an empty range', query: { source: 'logs', filter: { ...all, from: d.endMs + DAY, to: d.endMs + 2 * DAY }, measures: LOG_MEASURES } });
  return q;
}

const PERCENTILES = new Set<string>(['latencyP50', 'latencyP90', 'latencyP95', 'latencyP99']);

/** Equal rows; sums and averages to 1e-6 relative, percentiles within the adapter's error (and 1 ms). */
export function expectSameAnswer(actual: AggregateResult, expected: AggregateResult, percentileError: number, name: string): void {
  const key = (r: { bucket?: number; group?: string }) => `${r.bucket ?? ''}|${r.group ?? ''}`;
  expect({ name, rows: actual.rows.map(key) }).toEqual({ name, rows: expected.rows.map(key) });
  expect({ name, totalGroups: actual.totalGroups }).toEqual({ name, totalGroups: expected.totalGroups });
  actual.rows.forEach((row, i) => {
    const want = expected.rows[i]!;
    for (const [m, v] of Object.entries(want.values)) {
      const got = row.values[m as Measure];
      const where = `${name} · row ${key(want)} · ${m}`;
      if (v === null || v === undefined) {
        expect({ where, got: got ?? null }).toEqual({ where, got: null });
        continue;
      }
      const tolerance = PERCENTILES.has(m) ? Math.max(1, Math.abs(v) * percentileError) : Math.max(1e-6, Math.abs(v) * 1e-6);
      const ok = typeof got === 'number' && Math.abs(got - v) <= tolerance;
      expect({ where, got, ok }).toEqual({ where, got, ok: true });
      if (!ok) expect({ where, got }).toEqual({ where, got: v });
    }
  });
}

/**
 * The store parity suite: random data ingested in batches (twice, to prove idempotence), then every
 * parity query answered like `referenceAggregate`. `makeStore` returns a fresh, empty, opened store.
 */
export function describeAnalyticsStoreParity(name: string, makeStore: () => Promise<AnalyticsStore>, options: { logs?: number; seed?: number; batch?: number } = {}): void {
  describe(`analytics store parity: ${name}`, () => {
    const data = randomAnalytics({ logs: options.logs ?? 5_000, seed: options.seed ?? 7 });
    let store: AnalyticsStore;
    beforeAll(async () => {
      store = await makeStore();
      const batch = options.batch ?? 500;
      for (let i = 0; i < data.logs.length; i += batch) await store.ingestLogs(data.logs.slice(i, i + batch));
      await store.ingestLogs(data.logs.slice(0, batch)); // replayed: nothing counted twice
      await store.upsertFeedback(data.feedback, 17);
    }, 600_000);
    afterAll(async () => {
      await store?.close();
    });

    it('keeps the checkpoint, the feedback position and the newest time', async () => {
      expect(await store.checkpoint()).toBe(data.logs.length);
      expect(await store.feedbackPosition()).toBe(17);
      expect(await store.newestAt()).toBe(Math.max(...data.logs.map((l) => l.at)));
    });

    for (const { name: qname, query } of parityQueries(data)) {
      it(`answers like the reference: ${qname}`, async () => {
        const expected = referenceAggregate(data.logs, data.feedback, query);
        const actual = await store.aggregate(query);
        expectSameAnswer(actual, expected, store.percentileRelativeError, qname);
      }, 120_000);
    }
  });
}
