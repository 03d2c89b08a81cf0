import { randomUUID } from 'node:crypto';
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, StorageType } from '@nats-io/jetstream';
import { JetStreamEventStore } from '#libs/event-store';
import { progress, run, sideBySide, summarise, type Row } from '../harness.js';

const data = { name: 'workspace', description: 'an event payload of realistic size', usage_limits: null, defaults: { metadata: { team: 'bench' } } };

/** Raw JetStream publish against event-store append with expected revision; stream reads. */
export async function eventStoreBench(natsUrl: string): Promise<Row[]> {
  progress('event store: raw JetStream publish vs append with expected revision; reads');
  const suffix = randomUUID().replace(/-/g, '').slice(0, 8);
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const rawStream = `BENCHRAW_${suffix}`;
  await jsm.streams.add({ name: rawStream, subjects: [`benchraw${suffix}.>`], storage: StorageType.File });
  const store = await JetStreamEventStore.connect({ servers: natsUrl }, { stream: `BENCHES_${suffix}`, subjectPrefix: `benches${suffix}` });
  const rows: Row[] = [];
  const body = new TextEncoder().encode(JSON.stringify({ events: [{ id: 'x', type: 'WorkspaceUpdated', data }] }));
  let revision = -1;
  const stream = `bench-${suffix}`;
  try {
    const stats = await sideBySide(
      {
        'raw JetStream publish (one subject)': () => js.publish(`benchraw${suffix}.one`, body, { msgID: randomUUID() }),
        'append, expected revision (one stream)': async () => {
          const r = await store.append(stream, [{ id: randomUUID(), type: 'WorkspaceUpdated', data }], {
            expectedRevision: revision === -1 ? 'no_stream' : revision,
          });
          revision = r.nextRevision;
        },
        'append, no_stream (new stream each)': () =>
          store.append(`benchnew-${randomUUID()}`, [{ id: randomUUID(), type: 'WorkspaceCreated', data }], { expectedRevision: 'no_stream' }),
      },
      { ops: 3_000, concurrency: 1 },
    );
    for (const [name, s] of Object.entries(stats)) rows.push({ suite: 'event-store', case: name, ...s });
    const [raw, exact, fresh] = Object.values(stats);
    rows.push({
      suite: 'event-store',
      case: 'ratio append/raw publish',
      note: `exact revision p50 ×${(exact!.p50Ms / raw!.p50Ms).toFixed(2)}; new stream p50 ×${(fresh!.p50Ms / raw!.p50Ms).toFixed(2)}`,
    });

    const readStreamName = `benchread-${suffix}`;
    let r = -1;
    for (let i = 0; i < 1_000; i++) {
      r = (await store.append(readStreamName, [{ id: randomUUID(), type: 'Step', data: { i, ...data } }], { expectedRevision: r === -1 ? 'no_stream' : r })).nextRevision;
    }
    const reads = await run(async () => {
      const events = await store.readStream(readStreamName);
      if (events.length !== 1_000) throw new Error(`read ${events.length} events`);
    }, 50);
    const readStats = summarise(reads.latencies, reads.seconds);
    rows.push({ suite: 'event-store', case: 'readStream of 1,000 events', ...readStats, note: `${Math.round(1_000 / (readStats.p50Ms / 1000))} events/s at p50` });
  } finally {
    await jsm.streams.delete(rawStream);
    await jsm.streams.delete(`BENCHES_${suffix}`);
    await store.close();
    await nc.close();
  }
  return rows;
}
