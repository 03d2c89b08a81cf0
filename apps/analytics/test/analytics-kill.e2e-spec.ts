import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import mongoose from 'mongoose';
import { loadConfig } from '#libs/config';
import { AnalyticsStoreSubjects, currentNamespace, type AnalyticsStoreStatus } from '#libs/contracts';
import { MessagingModule, RpcClient } from '#libs/messaging';
import { ensureLogsStream, logSubject } from '#libs/request-logs';
import { eventually, requireEnv } from '#libs/testing';
import { createAnalyticsStore, mongoDbName } from '../src/analytics-store/analytics-store.factory.js';
import { requestLogRecord } from './request-log-record.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ns = currentNamespace();
const stream = `LOGS_${ns}`;
const prefix = `logs${ns}`;
const system = { requestId: 'kill-test', correlationId: 'kill-test', principal: { kind: 'system' as const } };
const TOTAL = 3_000;

// Every persisted engine: the default (auto = DuckDB, a file recovered from its WAL) and MongoDB.
describe.each(['duckdb', 'mongo'] as const)('analytics store (%s) killed during a burst of request logs', (engine) => {
  const dataDir = mkdtempSync(join(tmpdir(), `analytics-store-kill-${engine}-`));
  const env = {
    NATS_URL: requireEnv('NATS_URL'),
    MONGO_URL: requireEnv('MONGO_URL'),
    PORTCULLIS_DATA_DIR: dataDir,
    PORTCULLIS_DB_PREFIX: `${ns}_${engine}_`,
    PORTCULLIS_EVENT_STREAM: `EV_${ns}`,
    PORTCULLIS_EVENT_SUBJECT_PREFIX: `ev${ns}`,
    PORTCULLIS_LOGS_STREAM: stream,
    PORTCULLIS_LOGS_SUBJECT_PREFIX: prefix,
    PORTCULLIS_ANALYTICS_ENGINE: engine,
    PORTCULLIS_ANALYTICS_REPLICA: 'r0',
  };
  let nc: NatsConnection;
  let app: INestApplicationContext;
  let child: ChildProcess | undefined;

  const startAnalytics = () => spawn(process.execPath, [join(root, 'dist', 'apps', 'analytics', 'src', 'main.js')], { env: { ...process.env, ...env }, stdio: 'ignore' });
  const status = () => app.get(RpcClient).call<AnalyticsStoreStatus>(AnalyticsStoreSubjects.status, {}, system, { timeoutMs: 2_000 }).catch(() => null);
  const stop = async (signal: NodeJS.Signals) => {
    const running = child!;
    child = undefined;
    if (running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill(signal);
    await exited;
  };

  beforeAll(async () => {
    nc = await connect({ servers: env.NATS_URL });
    const jsm = await jetstreamManager(nc);
    // One LOGS stream per engine run: each burst starts from sequence 1.
    await jsm.streams.delete(stream).catch(() => undefined);
    await ensureLogsStream(jsm, { stream, subjectPrefix: prefix });
    app = await NestFactory.createApplicationContext(MessagingModule.forRoot({ natsUrl: env.NATS_URL, name: 'kill-test' }), { logger: false });
  });

  afterAll(async () => {
    if (child) await stop('SIGKILL');
    await app?.close();
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
    await nc.close();
    if (engine === 'mongo') {
      const conn = await mongoose.createConnection(env.MONGO_URL, { dbName: mongoDbName(env.PORTCULLIS_DB_PREFIX, 'r0') }).asPromise();
      await conn.dropDatabase().catch(() => undefined);
      await conn.close();
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('after SIGKILL mid-ingestion and a restart, every log is counted exactly once', async () => {
    const js = jetstream(nc);
    const at = Date.now();
    const ids = Array.from({ length: TOTAL }, () => randomUUID());
    // metadata._user = the log id: `users` (distinct) = `requests` proves no log counted twice.
    const record = (id: string, i: number) => JSON.stringify({ ...requestLogRecord(id, i, { orgId: 'org_kill', workspaceId: 'ws_kill', at }), metadata: { _user: id } });
    const subject = logSubject(prefix, 'ws_kill');
    child = startAnalytics();
    await eventually(async () => (await status())?.state === 'ready', { timeoutMs: 60_000, intervalMs: 100 });

    const burst = (async () => {
      for (let i = 0; i < TOTAL; i++) await js.publish(subject, record(ids[i]!, i), { msgID: ids[i] });
    })();
    const appliedBeforeKill = await eventually(async () => {
      const applied = (await status())?.logs.applied ?? 0;
      return applied >= 500 ? applied : false;
    }, { timeoutMs: 60_000, intervalMs: 10 });
    await stop('SIGKILL');
    expect(appliedBeforeKill).toBeLessThan(TOTAL);
    await burst;
    // Copies of records already published (a client retrying after a timeout) must not count twice.
    for (let i = 0; i < 200; i++) await js.publish(subject, record(ids[i]!, i), { msgID: `retry-${ids[i]}` });
    const sentinel = randomUUID();
    const last = await js.publish(subject, record(sentinel, TOTAL), { msgID: sentinel });

    child = startAnalytics();
    await eventually(async () => ((await status())?.logs.applied ?? 0) >= last.seq, { timeoutMs: 120_000, intervalMs: 100 });
    await stop('SIGTERM');

    // The service is gone: open its store (its file, its database) as the next start would.
    const store = await createAnalyticsStore(loadConfig({ ...process.env, ...env }), 'r0');
    await store.open();
    try {
      const filter = { orgId: 'org_kill', workspaceIds: ['ws_kill'], from: at - 3_600_000, to: at + 3_600_000 };
      const totals = await store.aggregate({ source: 'logs', filter, measures: ['requests', 'users', 'tokens'] });
      const tokens = Array.from({ length: TOTAL + 1 }, (_, i) => 15 + (i % 7) + (i % 11)).reduce((a, b) => a + b, 0);
      expect(totals.rows).toEqual([{ values: { requests: TOTAL + 1, users: TOTAL + 1, tokens } }]);
      expect(await store.checkpoint()).toBe(last.seq);
    } finally {
      await store.close();
    }
  }, 300_000);
});
