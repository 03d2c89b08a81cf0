import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { JetStreamEventStore, parseStreamName } from '#libs/event-store';
import { connectMongo, MemoryEngine, MongoEngine, ProjectorRunner, serverKind, type ProjectionDefinition, type ReadEngine } from '#libs/read-models';
import { progress, type Row } from '../harness.js';

interface Tally {
  _pos?: number;
  _id: string;
  count: number;
  total: number;
}

const tally: ProjectionDefinition<Tally> = {
  name: 'bench-tally',
  collection: 'tallies',
  categories: ['tally'],
  keysOf: (e) => [parseStreamName(e.streamName).id],
  evolve: (doc, e) => ({ _id: parseStreamName(e.streamName).id, count: (doc?.count ?? 0) + 1, total: (doc?.total ?? 0) + (e.data as { n: number }).n }),
};

/** Events per second from the feed into read models, from a cold start: the memory engine and the MongoDB-wire server. */
export async function projectionBench(natsUrl: string, mongoUrl: string, dbKind: string, events = 10_000, streams = 500): Promise<Row[]> {
  progress(`projection: ${events} events over ${streams} streams into ${dbKind}`);
  const suffix = randomUUID().replace(/-/g, '').slice(0, 8);
  const store = await JetStreamEventStore.connect({ servers: natsUrl }, { stream: `BENCHPROJ_${suffix}`, subjectPrefix: `benchproj${suffix}` });
  const db = await connectMongo(mongoUrl, `bench_projection_${suffix}`);
  try {
    const writers = 16;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = w; i < events; i += writers) await store.append(`tally-s${i % streams}`, [{ id: randomUUID(), type: 'Tallied', data: { n: i } }]);
      }),
    );
    const head = await store.headPosition();
    const rows: Row[] = [];
    const engines: Array<[string, ReadEngine]> = [
      ['memory', new MemoryEngine()],
      [dbKind, new MongoEngine(db, await serverKind(db))],
    ];
    for (const [engineName, engine] of engines) {
      for (const batchSize of [500, 50]) {
        const storage = engine.storageFor(tally, { collection: `tallies_${batchSize}`, checkpointId: `tally-${batchSize}` });
        const runner = new ProjectorRunner(store, storage, tally, { batchSize });
        const started = performance.now();
        await runner.start();
        await runner.waitFor(head, 600_000);
        const seconds = (performance.now() - started) / 1000;
        await runner.stop();
        const docs = (await storage.scan(undefined, 1_000_000)).length;
        rows.push({ suite: 'projection', case: `cold rebuild into ${engineName}, batch ${batchSize}`, ops: events, seconds, opsPerSec: events / seconds, note: `${docs} documents` });
      }
    }
    return rows;
  } finally {
    await db.dropDatabase();
    await db.close();
    await store.close();
    const nc = await connect({ servers: natsUrl });
    await (await jetstreamManager(nc)).streams.delete(`BENCHPROJ_${suffix}`);
    await nc.close();
  }
}
