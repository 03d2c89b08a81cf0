import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'mongoose';
import { JetStreamEventStore } from '#libs/event-store';
import { eventually, requireEnv } from '#libs/testing';
import { connectMongo, ProjectorRunner } from '../src/index.js';
import { counterProjection } from './fixtures/counter.projection.js';

const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
const env = {
  STREAM: `RECOVERY_${suffix}`,
  PREFIX: `recovery${suffix}`,
  DB: `recovery_${suffix}`,
  COLLECTION: 'counters',
};

function startChild(onPosition: (p: number) => void): ChildProcess {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./fixtures/run-projector.mjs', import.meta.url))], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    for (const match of chunk.matchAll(/position (\d+)/g)) onPosition(Number(match[1]));
  });
  return child;
}

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));

describe('projector crash recovery', () => {
  let store: JetStreamEventStore;
  let db: Connection;
  beforeAll(async () => {
    store = await JetStreamEventStore.connect({ servers: requireEnv('NATS_URL') }, { stream: env.STREAM, subjectPrefix: env.PREFIX });
    db = await connectMongo(requireEnv('MONGO_URL'), env.DB);
  });
  afterAll(async () => {
    await db.dropDatabase();
    await db.close();
    await store.close();
  });

  it('a projector SIGKILLed mid-feed and restarted ends equal to a fresh rebuild', async () => {
    // 2,000 events over 40 streams, some appends carrying several events.
    for (let i = 0; i < 1_500; i++) {
      const events = Array.from({ length: i % 5 === 0 ? 2 : 1 }, (_, j) => ({ id: randomUUID(), type: 'Counted', data: { n: i * 10 + j } }));
      await store.append(`counter-c${i % 40}`, events);
    }
    const head = await store.headPosition();

    let seen = 0;
    const first = startChild((p) => (seen = p));
    await eventually(() => seen > 200, { timeoutMs: 60_000 });
    first.kill('SIGKILL');
    await exited(first);
    expect(seen).toBeLessThan(head);

    let caughtUp = 0;
    const second = startChild((p) => (caughtUp = p));
    await eventually(() => caughtUp >= head, { timeoutMs: 60_000 });
    second.kill('SIGTERM');
    await exited(second);

    const rebuild = new ProjectorRunner(store, db, counterProjection('counters_rebuild'));
    await rebuild.start();
    await rebuild.waitFor(head, 60_000);
    await rebuild.stop();

    const strip = ({ _id, count, sum, lastRevision, _pos }: Record<string, unknown>) => ({ _id, count, sum, lastRevision, _pos });
    const live = (await db.collection('counters').find().sort({ _id: 1 }).toArray()).map(strip);
    const fresh = (await db.collection('counters_rebuild').find().sort({ _id: 1 }).toArray()).map(strip);
    expect(live).toHaveLength(40);
    expect(live).toEqual(fresh);
    expect(live.reduce((n, d) => n + (d.count as number), 0)).toBe(1_800);
  }, 180_000);
});
