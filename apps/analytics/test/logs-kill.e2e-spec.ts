import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { currentNamespace } from '#libs/contracts';
import { ensureLogsStream, logSubject, type RequestLog } from '#libs/request-logs';
import { eventually, requireEnv } from '#libs/testing';
import { logFilePath } from '../src/logs/logs-ingest.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const ns = currentNamespace();
const stream = `LOGS_${ns}`;
const prefix = `logs${ns}`;
const dataDir = mkdtempSync(join(tmpdir(), 'analytics-kill-'));
const file = logFilePath(dataDir);

function startAnalytics(): ChildProcess {
  return spawn(process.execPath, [join(root, 'dist', 'apps', 'analytics', 'src', 'main.js')], {
    env: {
      ...process.env,
      NATS_URL: requireEnv('NATS_URL'),
      MONGO_URL: requireEnv('MONGO_URL'),
      PORTCULLIS_DATA_DIR: dataDir,
      PORTCULLIS_DB_PREFIX: `${ns}_`,
      PORTCULLIS_EVENT_STREAM: `EV_${ns}`,
      PORTCULLIS_EVENT_SUBJECT_PREFIX: `ev${ns}`,
      PORTCULLIS_LOGS_STREAM: stream,
      PORTCULLIS_LOGS_SUBJECT_PREFIX: prefix,
    },
    stdio: 'ignore',
  });
}

const storedIds = (): string[] =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.endsWith('}'))
        .map((line) => (JSON.parse(line) as { log: RequestLog }).log.id)
    : [];

const record = (id: string) => ({ id, createdAt: new Date().toISOString(), orgId: 'org_kill', workspaceId: 'ws_kill', traceId: `trace-${id}`, request: { url: '/', method: 'POST', headers: {}, body: {} }, response: { status: 200, headers: {}, body: {}, responseTimeMs: 1 } });

describe('analytics killed during a burst of request logs', () => {
  let nc: NatsConnection;
  let child: ChildProcess | undefined;

  beforeAll(async () => {
    nc = await connect({ servers: requireEnv('NATS_URL') });
    await ensureLogsStream(await jetstreamManager(nc), { stream, subjectPrefix: prefix });
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('after SIGKILL mid-burst and a restart, every record is stored exactly once', async () => {
    const js = jetstream(nc);
    const ids = Array.from({ length: 3_000 }, () => randomUUID());
    child = startAnalytics();
    await eventually(() => storedIds().length > 0 || existsSync(file), { timeoutMs: 30_000, intervalMs: 100 });

    let published = 0;
    const burst = (async () => {
      for (const id of ids) {
        await js.publish(logSubject(prefix, 'ws_kill'), JSON.stringify(record(id)), { msgID: id });
        published++;
      }
    })();
    await eventually(() => storedIds().length >= 500, { timeoutMs: 30_000, intervalMs: 20 });
    child.kill('SIGKILL');
    await new Promise((resolve) => child!.once('exit', resolve));
    const atKill = storedIds().length;
    await burst;
    // Some records published again (a client retrying after a timeout) must not be stored twice.
    for (const id of ids.slice(0, 200)) await js.publish(logSubject(prefix, 'ws_kill'), JSON.stringify(record(id)), { msgID: `retry-${id}` });
    expect(published).toBe(ids.length);
    expect(atKill).toBeLessThan(ids.length);

    // A last record after the copies: the consumer reads in stream order, so once it is stored
    // the copies have been seen (and skipped) too.
    const sentinel = randomUUID();
    await js.publish(logSubject(prefix, 'ws_kill'), JSON.stringify(record(sentinel)), { msgID: sentinel });

    child = startAnalytics();
    await eventually(() => storedIds().includes(sentinel), { timeoutMs: 60_000, intervalMs: 100 });
    child.kill('SIGTERM');
    await new Promise((resolve) => child!.once('exit', resolve));
    child = undefined;

    const stored = storedIds();
    expect(stored.length).toBe(ids.length + 1);
    expect(new Set(stored).size).toBe(ids.length + 1);
    expect(new Set(stored)).toEqual(new Set([...ids, sentinel]));
  }, 180_000);
});
