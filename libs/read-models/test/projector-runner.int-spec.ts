import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'mongoose';
import { JetStreamEventStore } from '#libs/event-store';
import { requireEnv } from '#libs/testing';
import { connectMongo, MemoryEngine, MongoEngine, ProjectorRunner, serverKind, type ReadEngine } from '../src/index.js';
import { counterProjection, type CounterDoc } from './fixtures/counter.projection.js';
import { bug, fragileProjection, type NoteDoc } from './fixtures/fragile.projection.js';

let nested: unknown = 'bottom';
for (let i = 0; i < 1_000; i++) nested = { n: nested };
/** Payloads that once stalled a projection for good (reference: the poison-event issue). */
const POISON: Array<[string, unknown]> = [
  ['a dotted metadata key', { value: 1, defaults: { metadata: { 'a.b': 'x' } } }],
  ['a metadata key starting with $', { value: 2, defaults: { metadata: { $x: 'y' } } }],
  ['a key containing NUL', { value: 3, ['k\u0000ey']: 'z' }],
  ['a value nested 1,000 levels deep', { value: 4, deep: nested }],
  ['a 1 MB string', { value: 5, big: 'y'.repeat(1_000_000) }],
];

describe.each(['memory', 'mongo'] as const)('projector runner (%s engine) on JetStream', (kind) => {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  const snapshots = mkdtempSync(join(tmpdir(), 'runner-'));
  let store: JetStreamEventStore;
  let db: Connection;
  let engine: ReadEngine;
  let runner: ProjectorRunner<CounterDoc>;
  beforeAll(async () => {
    store = await JetStreamEventStore.connect({ servers: requireEnv('NATS_URL') }, { stream: `RUNNER_${suffix}`, subjectPrefix: `runner${suffix}` });
    db = await connectMongo(requireEnv('MONGO_URL'), `runner_${suffix}`);
    engine = kind === 'memory' ? new MemoryEngine({ snapshotDir: snapshots }) : new MongoEngine(db, await serverKind(db));
    runner = new ProjectorRunner(store, engine.storageFor(counterProjection('counters')), counterProjection('counters'));
    await runner.start();
  });
  afterAll(async () => {
    await runner.stop();
    await db.dropDatabase();
    await db.close();
    await store.close();
    rmSync(snapshots, { recursive: true, force: true });
  });

  it('read-your-writes: after waitFor(position) the query sees the write, with no sleep', async () => {
    for (let i = 0; i < 20; i++) {
      const { position } = await store.append(`counter-ryw${i}`, [{ id: randomUUID(), type: 'Counted', data: { n: i } }]);
      await runner.waitFor(position);
      expect(await runner.storage.collection.get(`ryw${i}`)).toMatchObject({ count: 1, sum: i, _pos: position });
    }
  });

  it('waitFor is bounded: a position that never comes fails with READ_MODEL.NOT_CAUGHT_UP', async () => {
    const head = await store.headPosition();
    await expect(runner.waitFor(head + 1_000, 100)).rejects.toMatchObject({ code: 'READ_MODEL.NOT_CAUGHT_UP', status: 503 });
  });

  it('the checkpoint survives a restart: the runner resumes where it stood, not from zero', async () => {
    const { position } = await store.append('counter-cp', [{ id: randomUUID(), type: 'Counted', data: { n: 1 } }]);
    await runner.waitFor(position);
    await runner.stop();
    await runner.storage.persist();
    const reopened = engine.storageFor(counterProjection('counters'));
    expect(await reopened.open()).toBeGreaterThanOrEqual(position);
    expect(await reopened.collection.get('cp')).toMatchObject({ count: 1 });
    await runner.start();
  });

  it('rebuilding from zero twice yields the same read model', async () => {
    const snapshot = async () => runner.storage.scan(undefined, 10_000);
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

  it('a poison event is parked, marked on its document, and later events of the projection still apply', async () => {
    const projection = fragileProjection(`notes_${kind}`);
    const notes = new ProjectorRunner<NoteDoc>(store, engine.storageFor(projection), projection);
    await notes.start();
    try {
      for (const [label, payload] of POISON) {
        const stream = `note-${label.replace(/\W+/g, '')}`;
        await store.append(stream, [{ id: randomUUID(), type: 'Noted', data: { value: 'before' } }]);
        const poison = await store.append(stream, [{ id: randomUUID(), type: 'Noted', data: payload }]);
        const after = await store.append(stream, [{ id: randomUUID(), type: 'Noted', data: { value: 'after' } }]);
        await notes.waitFor(after.position, 10_000);
        const doc = (await notes.storage.collection.get(parseId(stream)))!;
        expect({ label, notes: doc.notes, last: doc.last, parked: doc._parked }).toEqual({ label, notes: 2, last: 'after', parked: [poison.position] });
      }
      const letters = await notes.deadLetters();
      expect(letters).toHaveLength(POISON.length);
      expect(letters.map((l) => l.error)).toEqual([
        expect.stringMatching(/^defaults\.metadata key "a\.b" must not contain '\.'/),
        expect.stringMatching(/^defaults\.metadata key "\$x" must not .* start with '\$'/),
        expect.stringMatching(/NUL/),
        expect.stringMatching(/nested deeper than 32/),
        expect.stringMatching(/at most 524288 bytes/),
      ]);
      expect(notes.status()).toMatchObject({ state: 'running', parked: POISON.length });
    } finally {
      await notes.stop();
    }
  });

  it('an event whose evolve throws is parked; after the fix, retry applies it and clears the dead letter', async () => {
    const projection = fragileProjection(`fragile_${kind}`, 'frag');
    const fragile = new ProjectorRunner<NoteDoc>(store, engine.storageFor(projection), projection);
    await fragile.start();
    try {
      bug.on = true;
      await store.append('frag-f1', [{ id: randomUUID(), type: 'Noted', data: { value: 'one' } }]);
      const broken = await store.append('frag-f1', [{ id: randomUUID(), type: 'Fragile', data: { value: 'two' } }]);
      const next = await store.append('frag-f2', [{ id: randomUUID(), type: 'Noted', data: { value: 'other' } }]);
      await fragile.waitFor(next.position, 10_000);
      expect(await fragile.deadLetters()).toEqual([expect.objectContaining({ position: broken.position, eventType: 'Fragile', keys: ['f1'], error: 'evolve failed: evolve bug' })]);
      expect(await fragile.storage.collection.get('f1')).toMatchObject({ notes: 1, last: 'one', _parked: [broken.position] });
      bug.on = false;
      const result = await fragile.retryParked();
      expect(result).toMatchObject({ retried: 1, applied: 1, stillParked: [] });
      expect(await fragile.deadLetters()).toEqual([]);
      const fixed = await fragile.storage.collection.get('f1');
      expect(fixed).toMatchObject({ notes: 2, last: 'two' });
      expect(fixed?._parked).toBeUndefined();
      // The feed goes on after the retry.
      const later = await store.append('frag-f1', [{ id: randomUUID(), type: 'Noted', data: { value: 'three' } }]);
      await fragile.waitFor(later.position, 10_000);
      expect(await fragile.storage.collection.get('f1')).toMatchObject({ notes: 3, last: 'three' });
    } finally {
      bug.on = false;
      await fragile.stop();
    }
  });

  if (kind === 'mongo') {
    it('a document the store refuses (over 16 MB) parks its events after bounded retries; the rest of the batch lands', async () => {
      const projection = fragileProjection('huge_mongo', 'huge');
      const huge = new ProjectorRunner<NoteDoc>(store, engine.storageFor(projection), projection, { attempts: 2 });
      await huge.start();
      try {
        await huge.waitFor((await store.append('huge-h1', [{ id: randomUUID(), type: 'Noted', data: { value: 'small' } }])).position, 10_000);
        const big = await store.append('huge-h1', [{ id: randomUUID(), type: 'Noted', data: { value: 'big', huge: true } }]);
        const other = await store.append('huge-h2', [{ id: randomUUID(), type: 'Noted', data: { value: 'fine' } }]);
        await huge.waitFor(other.position, 30_000);
        expect(await huge.storage.collection.get('h2')).toMatchObject({ last: 'fine' });
        expect(await huge.storage.collection.get('h1')).toMatchObject({ last: 'small', _parked: [big.position] });
        expect(await huge.deadLetters()).toEqual([expect.objectContaining({ position: big.position, keys: ['h1'], error: expect.stringMatching(/store refused/) })]);
      } finally {
        await huge.stop();
      }
    }, 60_000);
  }
});

function parseId(stream: string): string {
  return stream.slice(stream.indexOf('-') + 1);
}
