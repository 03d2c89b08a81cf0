import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AggregateQuery, AnalyticsFilter, AnalyticsStore } from '../../../apps/analytics/src/analytics-store/analytics-store.port.js';
import { DuckDbAnalyticsStore } from '../../../apps/analytics/src/analytics-store/duckdb/duckdb-analytics-store.js';
import { MongoAnalyticsStore } from '../../../apps/analytics/src/analytics-store/mongo/mongo-analytics-store.js';
import { randomAnalyticsChunks } from '../../../test/support/random-analytics.js';
import { progress, run, summarise, type Row } from '../harness.js';

/** One store under test: `logs` caps its largest size (a slow engine gets fewer); `make` gives a fresh, empty, opened store. */
export interface AnalyticsBenchAdapter {
  name: string;
  logs: number;
  /** Repetitions per query (default BENCH_ANALYTICS_QUERIES). */
  queries?: number;
  make(): Promise<AnalyticsStore>;
  /** Removes what `make` left on disk. */
  dispose?(): Promise<void>;
}

const LOGS = Number(process.env.BENCH_ANALYTICS_LOGS ?? 1_000_000);
const SIZES = (process.env.BENCH_ANALYTICS_SIZES ?? `100000,${LOGS}`).split(',').map(Number).filter((n) => n > 0);
const QUERIES = Number(process.env.BENCH_ANALYTICS_QUERIES ?? 40);
const BATCH = Number(process.env.BENCH_ANALYTICS_BATCH ?? 10_000);
const WORKSPACES = 20;
const DAY = 24 * 3600_000;
const DAYS = 30;

/** The embedded default, in a file as the service runs it. */
export function duckDbAdapter(): AnalyticsBenchAdapter {
  let dir = '';
  return {
    name: 'duckdb',
    logs: LOGS,
    async make() {
      dir = mkdtempSync(join(tmpdir(), 'portcullis-analytics-bench-'));
      // A capped buffer pool, as a service sharing its machine should run it (DuckDB's default is 80% of RAM).
      const memoryLimit = process.env.BENCH_ANALYTICS_DUCKDB_MEMORY ?? '192MB';
      const store = new DuckDbAnalyticsStore(join(dir, 'analytics-0.duckdb'), { memoryLimit });
      await store.open();
      return store;
    },
    async dispose() {
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The MongoDB adapter on the local MongoDB-wire server, for contrast: FerretDB 1.24 uses no index,
 * so it gets fewer logs and repetitions (BENCH_ANALYTICS_MONGO_LOGS); a real MongoDB is the
 * deployment this adapter is for. The bench process's memory says nothing here (the store is a server).
 */
export function mongoAdapter(mongoUrl: string): AnalyticsBenchAdapter {
  let store: MongoAnalyticsStore | undefined;
  return {
    name: 'mongodb (local FerretDB)',
    logs: Number(process.env.BENCH_ANALYTICS_MONGO_LOGS ?? 20_000),
    queries: Number(process.env.BENCH_ANALYTICS_MONGO_QUERIES ?? 8),
    async make() {
      store = await MongoAnalyticsStore.connect(mongoUrl, `bench_analytics_${Date.now().toString(36)}`);
      await store.open();
      return store;
    },
    async dispose() {
      // close() released the connection; the database is the bench server's, dropped with it.
      store = undefined;
    },
  };
}

/**
 * Analytics over generated request logs spread over 30 days in 20 workspaces, per adapter and
 * size: ingestion rate, p50/p95 of the graphs and groups the dashboards ask for, size on disk, and
 * this process's resident memory (the store is embedded in it). More adapters are one entry each.
 */
export async function analyticsBench(adapters: AnalyticsBenchAdapter[] = [duckDbAdapter()]): Promise<Row[]> {
  const rows: Row[] = [];
  for (const adapter of adapters) {
    for (const size of [...new Set(SIZES.map((s) => Math.min(s, adapter.logs)))]) rows.push(...(await benchOne(adapter, size)));
  }
  return rows;
}

async function benchOne(adapter: AnalyticsBenchAdapter, size: number): Promise<Row[]> {
  const label = `${adapter.name}, ${size.toLocaleString('en-US')} logs`;
  const startMs = Date.parse('2026-10-01T00:00:00.000Z');
  const store = await adapter.make();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    progress(`analytics: ${label}: ingesting in batches of ${BATCH}`);
    let ingestMs = 0;
    let position = 0;
    let orgId = '';
    let workspaceIds: string[] = [];
    for (const chunk of randomAnalyticsChunks({ logs: size, chunk: BATCH, workspaces: WORKSPACES, startMs, spanMs: DAYS * DAY, seed: 2026 })) {
      orgId = chunk.logs[0]!.orgId;
      const t = performance.now();
      await store.ingestLogs(chunk.logs);
      await store.upsertFeedback(chunk.feedback, ++position);
      ingestMs += performance.now() - t;
    }
    workspaceIds = Array.from({ length: WORKSPACES }, (_, i) => `ws-${i}`);
    const filter: AnalyticsFilter = { orgId, workspaceIds, from: startMs, to: startMs + DAYS * DAY };
    const daily = { start: startMs, width: DAY, count: DAYS };
    const queries: Array<[string, AggregateQuery]> = [
      ['requests graph, 30 daily buckets', { source: 'logs', filter, measures: ['requests'], bucket: daily }],
      ['latency graph (avg, p50, p90, p99), 30 daily buckets', { source: 'logs', filter, measures: ['latencyAvg', 'latencyP50', 'latencyP90', 'latencyP99'], bucket: daily }],
      ['group by model (page of 20)', { source: 'logs', filter, measures: ['requests', 'cost', 'tokens', 'latencyAvg', 'lastSeen'], groupBy: 'model', page: { index: 0, size: 20 } }],
      ['group by metadata:team (page of 20)', { source: 'logs', filter, measures: ['requests', 'cost', 'tokens', 'latencyAvg', 'lastSeen'], groupBy: 'metadata:team', page: { index: 0, size: 20 } }],
    ];
    const rows: Row[] = [{ suite: 'analytics', case: `${label}: ingestion`, ops: size, seconds: ingestMs / 1000, opsPerSec: size / (ingestMs / 1000), note: `logs/s, batches of ${BATCH} with their feedback` }];
    for (const [name, query] of queries) {
      progress(`analytics: ${label}: ${name} × ${adapter.queries ?? QUERIES}`);
      await run(() => store.aggregate(query), 3);
      const result = await run(() => store.aggregate(query), adapter.queries ?? QUERIES);
      const s = summarise(result.latencies, result.seconds);
      rows.push({ suite: 'analytics', case: `${label}: ${name}`, ...s });
    }
    const bytes = await store.sizeBytes();
    (globalThis as { gc?: () => void }).gc?.();
    const rss = process.memoryUsage().rss;
    rows.push({
      suite: 'analytics',
      case: `${label}: store size and memory`,
      sizeBytes: bytes,
      rssMb: Math.round(rss / 1e6),
      peakRssMb: Math.round(peakRss / 1e6),
      note: `${bytes === null ? 'size unknown' : `${(bytes / 1e6).toFixed(1)} MB on disk (${(bytes / size).toFixed(0)} B/log)`}; bench process RSS ${Math.round(rss / 1e6)} MB after the queries, peak ${Math.round(peakRss / 1e6)} MB`,
    });
    return rows;
  } finally {
    clearInterval(sampler);
    await store.close();
    await adapter.dispose?.();
  }
}
