import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalyticsBody, AnalyticsQuery } from '#libs/contracts';
import { connectMongo } from '#libs/read-models';
import { requireEnv } from '#libs/testing';
import { randomAnalytics } from '../../../../test/support/random-analytics.js';
import type { AnalyticsStore } from '../analytics-store/analytics-store.port.js';
import { DuckDbAnalyticsStore } from '../analytics-store/duckdb/duckdb-analytics-store.js';
import { MemoryAnalyticsStore } from '../analytics-store/memory-analytics-store.js';
import { MongoAnalyticsStore } from '../analytics-store/mongo/mongo-analytics-store.js';
import { analyticsFilter } from './analytics-filter.js';
import { viewRunner } from './analytics-catalog.js';
import { bucketsFor } from './granularity.js';
import { GRAPHS } from './graphs.js';
import { GROUP_BY } from './groups.js';

// The routes' answers (shaped bodies, not just aggregates) over both real adapters equal those over
// the reference store, for every view, at minute, hour, day and week granularity and with filters.
// MongoDB gets fewer logs: its bucket upserts are slow on the local FerretDB (~4 logs/s measured
// here while other suites ran), and the point is the shaping, not the volume (the store parity
// suites carry that).
const data = randomAnalytics({ logs: 1_500, seed: 99 });
const LOGS_BY_ENGINE: Record<string, number> = { duckdb: 1_500, mongo: 150 };
const iso = (ms: number) => new Date(ms).toISOString();
const HOUR = 3_600_000;
const RANGES: Array<[string, Partial<AnalyticsQuery>]> = [
  ['a week (days)', { time_of_generation_min: iso(data.startMs), time_of_generation_max: iso(data.endMs) }],
  ['an unaligned day (hours), filtered', { time_of_generation_min: iso(data.startMs + 30 * HOUR + 7 * 60_000), time_of_generation_max: iso(data.startMs + 54 * HOUR), status_code: '200,429,500', cache_status: 'miss,hit' }],
  ['an hour (minutes)', { time_of_generation_min: iso(data.startMs + 72 * HOUR), time_of_generation_max: iso(data.startMs + 73 * HOUR) }],
  ['120 days (weeks), metadata', { time_of_generation_min: iso(data.startMs - 100 * 24 * HOUR), time_of_generation_max: iso(data.startMs + 20 * 24 * HOUR), metadata: '{"env":"prod"}' }],
];
const VIEWS = [
  ...Object.keys(GRAPHS).map((g) => `graphs/${g}`),
  'summary/cache',
  'groups/users',
  'groups/ai-models',
  'groups/workspaces',
  ...Object.keys(GROUP_BY).map((g) => `groups/${g}`),
];
const PERCENTILES = new Set(['p50', 'p90', 'p99', 'p99_latency']);

/** Equal, numbers within rounding (sums in another order), percentiles within the adapter's stated error. */
function same(actual: unknown, expected: unknown, error: number, path: string, problems: string[], key = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = PERCENTILES.has(key) ? Math.max(error * Math.abs(expected), 1e-9) : Math.max(1e-9 * Math.abs(expected), 1e-9);
    if (Math.abs(actual - expected) > tolerance) problems.push(`${path}: ${actual} ≠ ${expected}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) return void problems.push(`${path}: length ${Array.isArray(actual) ? actual.length : typeof actual} ≠ ${expected.length}`);
    expected.forEach((e, i) => same(actual[i], e, error, `${path}[${i}]`, problems, key));
    return;
  }
  if (expected && typeof expected === 'object') {
    const a = actual as Record<string, unknown>;
    const keys = new Set([...Object.keys(expected), ...Object.keys(a ?? {})]);
    for (const k of keys) same(a?.[k], (expected as Record<string, unknown>)[k], error, `${path}.${k}`, problems, k);
    return;
  }
  if (actual !== expected) problems.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}

const mongoDb = `analytics_views_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
/** Per engine: the adapter and the reference over the same records. */
const stores: Record<string, { store: AnalyticsStore; reference: AnalyticsStore }> = {};

beforeAll(async () => {
  const adapters: Record<string, AnalyticsStore> = {
    duckdb: new DuckDbAnalyticsStore(join(mkdtempSync(join(tmpdir(), 'portcullis-views-')), 'analytics.duckdb')),
    mongo: await MongoAnalyticsStore.connect(requireEnv('MONGO_URL'), mongoDb),
  };
  await Promise.all(
    Object.entries(adapters).map(async ([engine, store]) => {
      const logs = data.logs.slice(0, LOGS_BY_ENGINE[engine]);
      const reference = new MemoryAnalyticsStore();
      for (const s of [store, reference]) {
        await s.open();
        for (let i = 0; i < logs.length; i += 500) await s.ingestLogs(logs.slice(i, i + 500));
        await s.upsertFeedback(data.feedback, 1);
      }
      stores[engine] = { store, reference };
    }),
  );
}, 300_000);
afterAll(async () => {
  for (const { store } of Object.values(stores)) await store.close();
  const db = await connectMongo(requireEnv('MONGO_URL'), 'admin');
  await db.useDb(mongoDb).dropDatabase();
  await db.close();
});

async function answer(store: AnalyticsStore, view: string, q: AnalyticsQuery): Promise<AnalyticsBody> {
  const filter = analyticsFilter(q, { orgId: data.orgId, workspaceIds: data.workspaceIds.slice(0, 3) });
  return viewRunner(view)({ store, filter, buckets: bucketsFor(filter.from, filter.to) }, { query: q, key: 'env', slugs: new Map(data.workspaceIds.map((w) => [w, `slug-${w}`])) });
}

/**
 * A defect of the MongoDB adapter found here (its files are another branch's): on the bucket path,
 * groups over a nullable dimension keep a group for the null key (bucket documents read back
 * `undefined` where the log had null, and only `null` is left out). Those views are checked apart,
 * below, as a known failure; every other view must match now.
 */
const MONGO_NULL_KEY_GROUPS = new Set(['groups/ai-models', 'groups/ai_service', 'groups/model', 'groups/config', 'groups/provider', 'groups/prompt']);

async function problemsOver(engine: string, range: Partial<AnalyticsQuery>, views: string[]): Promise<string[]> {
  const problems: string[] = [];
  for (const view of views) {
    const q = { ...range, page_size: 5, current_page: 0 } as AnalyticsQuery;
    const { store, reference } = stores[engine]!;
    const [got, want] = await Promise.all([answer(store, view, q), answer(reference, view, q)]);
    same(got, want, store.percentileRelativeError, view, problems);
  }
  return problems;
}

describe.each(['duckdb', 'mongo'])('every analytics view over the %s store answers as over the reference', (engine) => {
  it.each(RANGES)('%s', async (_name, range) => {
    const views = [...VIEWS, 'groups/metadata', ...MONGO_NULL_KEY_GROUPS];
    expect((await problemsOver(engine, range, views)).slice(0, 20)).toEqual([]);
  }, 120_000);
});

// Groups over nullable dimensions on MongoDB's bucket path once kept a null group (FerretDB drops
// nulls of `$setOnInsert`); they are in every range above now.
