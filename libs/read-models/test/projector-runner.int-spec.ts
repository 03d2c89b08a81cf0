import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { JetStreamEventStore } from '#libs/event-store';
import { requireEnv } from '#libs/testing';
import { connectMongo, ProjectorRunner } from '../src/index.js';
import { counterProjection } from './fixtures/counter.projection.js';

const suffix = randomUUID().replace(/-/g, '').slice(0, 10);

describe('projector runner on JetStream and the read-model database', () => {
  let store: JetStreamEventStore;
  let db: Connection;
  let runner: ProjectorRunner;
  beforeAll(async () => {
    store = await JetStreamEventStore.connect({ servers: requireEnv('NATS_URL') }, { stream: `RUNNER_${suffix}`, subjectPrefix: `runner${suffix}` });
    db = await connectMongo(requireEnv('MONGO_URL'), `runner_${suffix}`);
    runner = new ProjectorRunner(store, db, counterProjection('counters'));
    await runner.start();
  });
  afterAll(async () => {
    await runner.stop();
    await db.dropDatabase();
    await db.close();
    await store.close();
  });

  it('read-your-writes: after waitFor(position) the query sees the write, with no sleep', async () => {
    for (let i = 0; i < 20; i++) {
      const { position } = await store.append(`counter-ryw${i}`, [{ id: randomUUID(), type: 'Counted', data: { n: i } }]);
      await runner.waitFor(position);
      const doc = await db.collection('counters').findOne({ _id: `ryw${i}` as never });
      expect(doc).toMatchObject({ count: 1, sum: i, _pos: position });
    }
  });

  it('waitFor is bounded: a position that never comes fails with READ_MODEL.NOT_CAUGHT_UP', async () => {
    const head = await store.headPosition();
    await expect(runner.waitFor(head + 1_000, 100)).rejects.toMatchObject({ code: 'READ_MODEL.NOT_CAUGHT_UP', status: 503 });
  });

  it('the checkpoint is stored per projection and follows the feed', async () => {
    const { position } = await store.append('counter-cp', [{ id: randomUUID(), type: 'Counted', data: { n: 1 } }]);
    await runner.waitFor(position);
    const checkpoint = await db.collection('projection_checkpoints').findOne({ _id: 'counters-projection' as never });
    expect(checkpoint?.position).toBeGreaterThanOrEqual(position);
  });

  it('rebuilding from zero twice yields the same read model', async () => {
    const snapshot = async () => (await db.collection('counters').find().sort({ _id: 1 }).toArray()).map((d) => ({ ...d }));
    const head = await store.headPosition();
    await runner.waitFor(head);
    const before = await snapshot();
    await runner.rebuild();
    await runner.waitFor(head, 30_000);
    const once = await snapshot();
    await runner.rebuild();
    await runner.waitFor(head, 30_000);
    expect(once).toEqual(before);
    expect(await snapshot()).toEqual(before);
  });
});
