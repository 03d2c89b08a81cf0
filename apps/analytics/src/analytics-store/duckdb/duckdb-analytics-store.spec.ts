import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DuckDBInstance } from '@duckdb/node-api';
import { describeAnalyticsStoreParity } from '../../../../../test/support/analytics-parity.js';
import { randomAnalytics } from '../../../../../test/support/random-analytics.js';
import { DuckDbAnalyticsStore } from './duckdb-analytics-store.js';

describeAnalyticsStoreParity('duckdb', async () => {
  const store = new DuckDbAnalyticsStore(':memory:');
  await store.open();
  return store;
});

describe('DuckDB analytics store file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-duckdb-'));
  const path = join(dir, 'analytics', 'analytics-0.duckdb');
  const data = randomAnalytics({ logs: 1_200, seed: 3 });
  const count = async (store: DuckDbAnalyticsStore) =>
    (await store.aggregate({ source: 'logs', filter: { orgId: data.orgId, workspaceIds: data.workspaceIds, from: data.startMs, to: data.endMs }, measures: ['requests'] })).rows[0]?.values.requests;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps logs, checkpoint and feedback position across a reopen, and a replay after it counts nothing twice', async () => {
    const first = new DuckDbAnalyticsStore(path);
    await first.open();
    await first.ingestLogs(data.logs.slice(0, 1_000));
    await first.upsertFeedback(data.feedback, 42);
    await first.close();

    const second = new DuckDbAnalyticsStore(path);
    await second.open();
    expect(await second.checkpoint()).toBe(1_000);
    expect(await second.feedbackPosition()).toBe(42);
    expect(await count(second)).toBe(1_000);
    await second.ingestLogs(data.logs.slice(900, 1_200));
    expect(await count(second)).toBe(1_200);
    expect(await second.checkpoint()).toBe(1_200);
    expect(await second.sizeBytes()).toBeGreaterThan(0);
    await second.close();
  });

  it('leaves neither logs nor checkpoint behind when a batch fails', async () => {
    const store = new DuckDbAnalyticsStore(path);
    await store.open();
    const before = await store.checkpoint();
    const broken = { ...data.logs[0]!, id: 'log-broken', seq: 9_999, orgId: null as unknown as string };
    await expect(store.ingestLogs([{ ...data.logs[1]!, id: 'log-fine', seq: 9_998 }, broken])).rejects.toThrow();
    expect(await store.checkpoint()).toBe(before);
    expect(await count(store)).toBe(1_200);
    await store.close();
  });

  it('counts a log repeated within one batch once, its first copy', async () => {
    const store = new DuckDbAnalyticsStore(':memory:');
    await store.open();
    const log = data.logs[5]!;
    await store.ingestLogs([log, { ...log, costCents: 999, seq: 2 }, data.logs[6]!]);
    const filter = { orgId: data.orgId, workspaceIds: data.workspaceIds, from: data.startMs, to: data.endMs };
    const result = await store.aggregate({ source: 'logs', filter, measures: ['requests', 'cost'] });
    expect(result.rows[0]!.values).toEqual({ requests: 2, cost: log.costCents + data.logs[6]!.costCents });
    await store.close();
  });

  it('opens a file written before cache savings were recorded: the column is added and the hourly totals rebuilt', async () => {
    const old = join(dir, 'pre-savings.duckdb');
    const hits = data.logs.filter((l) => l.cacheStatus === 'HIT');
    const first = new DuckDbAnalyticsStore(old);
    await first.open();
    await first.ingestLogs(data.logs.slice(0, 1_000));
    await first.close();
    // What such a file looked like: no saved_cents, hourly savings summed from cost_cents.
    const raw = await DuckDBInstance.create(old);
    const db = await raw.connect();
    await db.run('ALTER TABLE logs DROP COLUMN saved_cents');
    await db.run('UPDATE hourly SET simple_savings = simple_savings + 1');
    db.closeSync();
    raw.closeSync();

    const store = new DuckDbAnalyticsStore(old);
    await store.open();
    const filter = { orgId: data.orgId, workspaceIds: data.workspaceIds, from: data.startMs - (data.startMs % 3600_000), to: data.endMs - (data.endMs % 3600_000) + 3600_000 };
    const savings = async () => (await store.aggregate({ source: 'logs', filter, measures: ['requests', 'cacheSimpleSavings'] })).rows[0]!.values;
    expect(await savings()).toEqual({ requests: 1_000, cacheSimpleSavings: 0 });
    await store.ingestLogs(data.logs.slice(1_000));
    const added = hits.filter((l) => l.seq > 1_000).reduce((n, l) => n + l.savedCents, 0);
    expect(added).toBeGreaterThan(0);
    expect((await savings()).cacheSimpleSavings).toBeCloseTo(added, 9);
    await store.close();
  });

  it('replaces a feedback on update and forgets everything on clear', async () => {
    const store = new DuckDbAnalyticsStore(path);
    await store.open();
    const filter = { orgId: data.orgId, workspaceIds: data.workspaceIds, from: data.startMs, to: data.endMs + 120_000 };
    const before = (await store.aggregate({ source: 'feedback', filter, measures: ['feedbacks'] })).rows[0]!.values.feedbacks;
    await store.upsertFeedback([{ ...data.feedback[0]!, value: 10, weight: 1 }], 43);
    const after = await store.aggregate({ source: 'feedback', filter, measures: ['feedbacks'] });
    expect(after.rows[0]!.values.feedbacks).toBe(before);
    expect(await store.feedbackPosition()).toBe(43);
    await store.clear();
    expect(await store.checkpoint()).toBe(0);
    expect(await store.newestAt()).toBeNull();
    expect(await count(store)).toBeUndefined();
    await store.close();
  });
});
