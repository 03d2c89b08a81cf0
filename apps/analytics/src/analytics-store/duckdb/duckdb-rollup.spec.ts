import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectSameAnswer } from '../../../../../test/support/analytics-parity.js';
import { randomAnalytics } from '../../../../../test/support/random-analytics.js';
import type { AggregateQuery, AnalyticsFilter, Measure } from '../analytics-store.port.js';
import { referenceAggregate } from '../reference-aggregate.js';
import { DuckDbAnalyticsStore } from './duckdb-analytics-store.js';
import { toSql } from './duckdb-query.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const ROLLED: Measure[] = [
  'requests', 'cost', 'tokens', 'promptTokens', 'completionTokens', 'latencyAvg', 'errors', 'cacheSimpleHits', 'cacheSemanticHits',
  'cacheHitLatencyAvg', 'cacheMissLatencyAvg', 'cacheSimpleSavings', 'cacheSemanticSavings', 'retried', 'retrySucceeded', 'fallback', 'fallbackSucceeded', 'lastSeen',
];

describe('DuckDB hourly rollup', () => {
  const data = randomAnalytics({ logs: 4_000, seed: 21 });
  const all: AnalyticsFilter = { orgId: data.orgId, workspaceIds: data.workspaceIds, from: data.startMs, to: data.endMs };
  const two: AnalyticsFilter = { ...all, workspaceIds: data.workspaceIds.slice(1, 3), from: data.startMs + 5 * HOUR, to: data.endMs - 7 * HOUR };
  const rolled: Array<[string, AggregateQuery]> = [
    ['summary', { source: 'logs', filter: all, measures: ROLLED }],
    ['daily buckets', { source: 'logs', filter: all, measures: ROLLED, bucket: { start: data.startMs, width: DAY, count: 7 } }],
    ['hourly buckets, two workspaces, hour-aligned range', { source: 'logs', filter: two, measures: ROLLED, bucket: { start: two.from, width: HOUR, count: 150 } }],
    ['3-hour buckets starting before the range', { source: 'logs', filter: two, measures: ['requests', 'cost'], bucket: { start: data.startMs, width: 3 * HOUR, count: 20 } }],
    ['group by workspace, paged', { source: 'logs', filter: all, measures: ['requests', 'cost', 'lastSeen'], groupBy: 'workspace', order: { measure: 'cost', direction: 'asc' }, page: { index: 1, size: 2 } }],
    ['workspaces per day', { source: 'logs', filter: all, measures: ['requests', 'errors'], bucket: { start: data.startMs, width: DAY, count: 7 }, groupBy: 'workspace' }],
    ['an empty range', { source: 'logs', filter: { ...all, from: data.endMs + DAY, to: data.endMs + 2 * DAY }, measures: ROLLED }],
  ];
  const raw: Array<[string, AggregateQuery]> = [
    ['a range not on whole hours', { source: 'logs', filter: { ...all, from: all.from + 60_000 }, measures: ['requests'] }],
    ['a filter beyond tenancy', { source: 'logs', filter: { ...all, statusCodes: [200] }, measures: ['requests'] }],
    ['percentiles', { source: 'logs', filter: all, measures: ['latencyP50'] }],
    ['users', { source: 'logs', filter: all, measures: ['users'] }],
  ];
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-duckdb-rollup-'));
  const path = join(dir, 'analytics.duckdb');
  let store: DuckDbAnalyticsStore;
  beforeAll(async () => {
    store = new DuckDbAnalyticsStore(path);
    await store.open();
    for (let i = 0; i < data.logs.length; i += 700) await store.ingestLogs(data.logs.slice(i, i + 700));
    await store.ingestLogs(data.logs.slice(1_000, 2_500)); // replayed: the rollup must not count it twice
    await store.upsertFeedback(data.feedback, 1);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const [name, query] of rolled) {
    it(`answers from the rollup like the reference: ${name}`, async () => {
      expect(toSql(query).text).toContain('FROM hourly');
      expectSameAnswer(await store.aggregate(query), referenceAggregate(data.logs, data.feedback, query), 0, name);
    });
  }

  for (const [name, query] of raw) {
    it(`reads the logs, not the rollup, for ${name}`, () => {
      expect(toSql(query).text).not.toContain('FROM hourly');
    });
  }

  it('rebuilds the rollup of a file written without one', async () => {
    await (store as unknown as { writer: { run(sql: string): Promise<unknown> } }).writer.run('DROP TABLE hourly');
    await store.close();
    store = new DuckDbAnalyticsStore(path);
    await store.open();
    const [name, query] = rolled[1]!;
    expectSameAnswer(await store.aggregate(query), referenceAggregate(data.logs, data.feedback, query), 0, name);
  });
});
