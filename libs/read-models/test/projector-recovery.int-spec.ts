import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'mongoose';
import { JetStreamEventStore } from '#libs/event-store';
import { eventually, requireEnv } from '#libs/testing';
import { connectMongo, MemoryEngine, MongoEngine, ProjectorRunner, serverKind, type ReadEngine } from '../src/index.js';
import { readSnapshot } from '../src/memory/snapshot-file.js';
import { counterProjection, type CounterDoc } from './fixtures/counter.projection.js';

const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));
const strip = ({ _id, count, sum, lastRevision, _pos }: Partial<CounterDoc>) => ({ _id, count, sum, lastRevision, _pos });

describe.each(['mongo', 'memory'] as const)('projector crash recovery (%s engine)', (engine) => {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  const snapshotDir = mkdtempSync(join(tmpdir(), 'recovery-'));
  const env = { STREAM: `RECOVERY_${suffix}`, PREFIX: `recovery${suffix}`, DB: `recovery_${suffix}`, COLLECTION: 'counters', ENGINE: engine, SNAPSHOT_DIR: snapshotDir, BATCH: engine === 'memory' ? '5' : '50' };
  let store: JetStreamEventStore;
  let db: Connection;

  function startChild(onPosition: (p: number) => void, extra: Record<string, string> = {}): ChildProcess {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./fixtures/run-projector.mjs', import.meta.url))], {
      env: { ...process.env, ...env, ...extra },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const match of chunk.matchAll(/position (\d+)/g)) onPosition(Number(match[1]));
    });
    return child;
  }

  /** The live read model the child left behind: its collection, or its last snapshot. */
  async function liveDocs(): Promise<CounterDoc[]> {
    if (engine === 'mongo') return (await db.collection<CounterDoc>('counters').find().sort({ _id: 1 }).toArray()) as CounterDoc[];
    const docs: CounterDoc[] = [];
    const header = await readSnapshot<CounterDoc>(join(snapshotDir, 'counters-projection.jsonl'), (d) => docs.push(d));
    expect(header).not.toBeNull();
    return docs.sort((a, b) => (a._id < b._id ? -1 : 1));
  }

  beforeAll(async () => {
    store = await JetStreamEventStore.connect({ servers: requireEnv('NATS_URL') }, { stream: env.STREAM, subjectPrefix: env.PREFIX });
    db = await connectMongo(requireEnv('MONGO_URL'), env.DB);
  });
  afterAll(async () => {
    await db.dropDatabase();
    await db.close();
    await store.close();
    rmSync(snapshotDir, { recursive: true, force: true });
  });

  it('a projector SIGKILLed mid-feed and restarted ends equal to a fresh rebuild', async () => {
    // 1,800 events over 40 streams, some appends carrying several events.
    for (let i = 0; i < 1_500; i++) {
      const events = Array.from({ length: i % 5 === 0 ? 2 : 1 }, (_, j) => ({ id: randomUUID(), type: 'Counted', data: { n: i * 10 + j } }));
      await store.append(`counter-c${i % 40}`, events);
    }
    const head = await store.headPosition();

    let seen = 0;
    // The child stalls once past 200, so the kill lands mid-feed on either engine.
    const first: ChildProcess = startChild(
      (p) => {
        seen = p;
        if (p > 200) first.kill('SIGKILL');
      },
      { STALL_AFTER: '200' },
    );
    await exited(first);
    expect(seen).toBeLessThan(head);

    let caughtUp = 0;
    const second = startChild((p) => (caughtUp = p));
    await eventually(() => caughtUp >= head, { timeoutMs: 60_000 });
    second.kill('SIGTERM');
    await exited(second);

    const rebuildEngine: ReadEngine = engine === 'mongo' ? new MongoEngine(db, await serverKind(db)) : new MemoryEngine();
    const storage = rebuildEngine.storageFor(counterProjection('counters_rebuild'));
    const rebuild = new ProjectorRunner(store, storage, counterProjection('counters_rebuild'));
    await rebuild.start();
    await rebuild.waitFor(head, 60_000);
    await rebuild.stop();

    const live = (await liveDocs()).map(strip);
    const fresh = (await storage.scan(undefined, 10_000)).map(strip);
    expect(live).toHaveLength(40);
    expect(live).toEqual(fresh);
    expect(live.reduce((n, d) => n + (d.count as number), 0)).toBe(1_800);
  }, 180_000);
});
