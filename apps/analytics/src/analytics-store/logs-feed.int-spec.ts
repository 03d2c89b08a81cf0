import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { currentNamespace } from '#libs/contracts';
import { ensureLogsStream, logSubject } from '#libs/request-logs';
import { eventually, requireEnv } from '#libs/testing';
import { requestLogRecord } from '../../test/request-log-record.js';
import type { AnalyticsLog } from './analytics-store.port.js';
import { LogsFeed } from './logs-feed.js';
import { streamLagMs } from './stream-lag.js';

const ns = currentNamespace();
const stream = `LOGS_FEED_${ns}`;
const prefix = `logsfeed${ns}`;
const N = 3_000;
const AT = Date.parse('2026-01-01T00:00:00Z');

describe('the LOGS feed of the analytics store', () => {
  let nc: NatsConnection;
  let js: JetStreamClient;

  beforeAll(async () => {
    nc = await connect({ servers: requireEnv('NATS_URL') });
    await ensureLogsStream(await jetstreamManager(nc), { stream, subjectPrefix: prefix });
    js = jetstream(nc);
    const tenancy = { orgId: 'o', workspaceId: 'w', at: AT };
    for (let i = 0; i < N; i++) await js.publish(logSubject(prefix, 'w'), JSON.stringify(requestLogRecord(`log-${i}`, i, tenancy)));
  });

  afterAll(async () => {
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
    await nc.close();
  });

  it('applies every record once and in order, in batches of at most batchSize, across a stop and a restart from the last applied sequence', async () => {
    const applied: number[] = [];
    let last = 0;
    const batches: number[] = [];
    const feed = (batchSize: number) =>
      new LogsFeed({ js, stream, from: () => last, batchSize, maxWaitMs: 200, apply: async (logs: AnalyticsLog[], lastSeq) => {
        batches.push(logs.length);
        applied.push(...logs.map((l) => l.seq));
        last = lastSeq;
      } });
    const first = feed(250);
    await eventually(() => last >= 1_000, { timeoutMs: 30_000 });
    await first.stop();
    const second = feed(500);
    await eventually(() => last >= N, { timeoutMs: 30_000 });
    await second.stop();
    expect(applied).toEqual(Array.from({ length: N }, (_, i) => i + 1));
    expect(Math.max(...batches)).toBeLessThanOrEqual(500);
  });

  it('stopping while a batch is being written ends once that write ends, whatever is still buffered behind it', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let writing = 0;
    let last = 0;
    const feed = new LogsFeed({ js, stream, from: () => last, batchSize: 100, maxWaitMs: 200, apply: async (_logs, lastSeq) => {
      writing = lastSeq;
      await gate;
      last = lastSeq;
    } });
    await eventually(() => writing > 0, { timeoutMs: 30_000 });
    const stopped = feed.stop();
    release();
    await stopped;
    // The write in progress completed; nothing after it was applied.
    expect(last).toBe(writing);
  });

  it('the lag is the time between the newest record on the stream and the newest applied; 0 once level', async () => {
    const jsm = await jetstreamManager(nc);
    // Record i is created at AT + 10 i ms (requestLogRecord).
    expect(await streamLagMs(jsm, stream, N, async () => AT + (N - 1) * 10)).toBe(0);
    expect(await streamLagMs(jsm, stream, 1_000, async () => AT + 999 * 10)).toBe((N - 1000) * 10);
    // Nothing applied yet: the oldest waiting record stands in, so the whole backlog is the lag.
    expect(await streamLagMs(jsm, stream, 0, async () => null)).toBe((N - 1) * 10);
  });
});
