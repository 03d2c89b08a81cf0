import { describe, expect, it, beforeAll, afterAll } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from '../errors.js';
import type { EventStore, NewEvent, SubscribedEvent } from '../event-store.port.js';

export interface ConformanceTarget {
  store: EventStore;
  /** A second, independent client of the same store (for concurrency); defaults to `store`. */
  other?: EventStore;
  cleanup(): Promise<void>;
}

const ev = (type: string, data: unknown = {}): NewEvent => ({ id: randomUUID(), type, data, metadata: { requestId: 'r1' } });
const stream = (category = 'conf') => `${category}-${randomUUID()}`;

async function take(it: AsyncIterator<SubscribedEvent>, n: number, timeoutMs = 10_000): Promise<SubscribedEvent[]> {
  const out: SubscribedEvent[] = [];
  const deadline = Date.now() + timeoutMs;
  while (out.length < n) {
    let timer: NodeJS.Timeout | undefined;
    const next = await Promise.race([
      it.next(),
      new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), Math.max(1, deadline - Date.now())))),
    ]).finally(() => clearTimeout(timer));
    if (next === 'timeout') throw new Error(`timed out after ${out.length}/${n} events`);
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}

/** The event-store contract (ARCHITECTURE.md §2), run unchanged against every adapter. */
export function describeEventStoreConformance(
  name: string,
  connect: () => Promise<ConformanceTarget>,
  skipReason?: string,
): void {
  if (skipReason) {
    // A backend that cannot run here is reported as skipped, with its reason, never as passed.
    process.stderr.write(`\n[event store conformance: ${name}] SKIPPED: ${skipReason}\n`);
    describe.skip(`event store conformance: ${name} (skipped: ${skipReason})`, () => {
      it('needs a reachable server', () => undefined);
    });
    return;
  }
  describe(`event store conformance: ${name}`, () => {
    let target: ConformanceTarget;
    beforeAll(async () => {
      target = await connect();
    }, 120_000);
    afterAll(async () => {
      await target?.cleanup();
    });
    const test = it;

    test('appended events read back in order with their type, data, metadata and revisions', async () => {
      const s = stream();
      const result = await target.store.append(s, [ev('A', { n: 1 }), ev('B', { n: 2 })], { expectedRevision: 'no_stream' });
      expect(result.nextRevision).toBe(1);
      expect(result.position).toBeGreaterThan(0);
      await target.store.append(s, [ev('C', { n: 3 })], { expectedRevision: 1 });
      const read = await target.store.readStream(s);
      expect(read.map((e) => [e.type, e.data, e.revision, e.streamName])).toEqual([
        ['A', { n: 1 }, 0, s],
        ['B', { n: 2 }, 1, s],
        ['C', { n: 3 }, 2, s],
      ]);
      expect(read[0]!.metadata.requestId).toBe('r1');
      expect(new Date(read[0]!.recordedAt).getTime()).toBeGreaterThan(0);
      expect((await target.store.readStream(s, { fromRevision: 2 })).map((e) => e.type)).toEqual(['C']);
    });

    test('reading a stream that does not exist gives no events', async () => {
      expect(await target.store.readStream(stream())).toEqual([]);
    });

    test('expected revision: no_stream, exact and any are honoured; mismatches raise a typed conflict', async () => {
      const s = stream();
      await target.store.append(s, [ev('A')], { expectedRevision: 'no_stream' });
      await expect(target.store.append(s, [ev('B')], { expectedRevision: 'no_stream' })).rejects.toBeInstanceOf(
        WrongExpectedRevisionError,
      );
      await expect(target.store.append(s, [ev('B')], { expectedRevision: 5 })).rejects.toMatchObject({
        code: 'EVENT_STORE.WRONG_EXPECTED_REVISION',
        streamName: s,
        expected: 5,
        actual: 0,
      });
      await expect(target.store.append(stream(), [ev('B')], { expectedRevision: 0 })).rejects.toMatchObject({
        actual: 'no_stream',
      });
      await target.store.append(s, [ev('B')], { expectedRevision: 0 });
      await target.store.append(s, [ev('C')], { expectedRevision: 'any' });
      await target.store.append(s, [ev('D')]);
      expect((await target.store.readStream(s)).map((e) => e.type)).toEqual(['A', 'B', 'C', 'D']);
    });

    test('re-appending the same event ids is a no-op that returns the original result', async () => {
      const s = stream();
      const batch = [ev('A'), ev('B')];
      const first = await target.store.append(s, batch, { expectedRevision: 'no_stream' });
      const again = await target.store.append(s, batch, { expectedRevision: 'no_stream' });
      const anyAgain = await target.store.append(s, batch, { expectedRevision: 'any' });
      expect(again).toEqual(first);
      expect(anyAgain).toEqual(first);
      expect(await target.store.readStream(s)).toHaveLength(2);
    });

    test('readAt returns the events of one append by its position', async () => {
      const s = stream();
      const { position } = await target.store.append(s, [ev('X', { i: 1 }), ev('Y', { i: 2 })]);
      expect((await target.store.readAt(position)).map((e) => [e.type, e.streamName, e.position])).toEqual([
        ['X', s, position],
        ['Y', s, position],
      ]);
      expect(await target.store.readAt((await target.store.headPosition()) + 1000)).toEqual([]);
    });

    test('positions give one global order across streams', async () => {
      const a = stream();
      const b = stream();
      const p1 = await target.store.append(a, [ev('A1')]);
      const p2 = await target.store.append(b, [ev('B1')]);
      const p3 = await target.store.append(a, [ev('A2')]);
      expect(p1.position).toBeLessThan(p2.position);
      expect(p2.position).toBeLessThan(p3.position);
      expect(await target.store.headPosition()).toBeGreaterThanOrEqual(p3.position);
    });

    test('subscribeAll from a position catches up, then follows live appends', async () => {
      const category = `sub${randomUUID().replace(/-/g, '').slice(0, 8)}`;
      const s = stream(category);
      const before = await target.store.append(s, [ev('old')]);
      await target.store.append(s, [ev('caught-1'), ev('caught-2')]);
      await target.store.append(stream('noise'), [ev('noise')]);
      const sub = target.store.subscribeAll({ fromPosition: before.position, categories: [category] });
      const iterator = sub[Symbol.asyncIterator]();
      try {
        const caught = await take(iterator, 2);
        expect(caught.map((c) => c.event.type)).toEqual(['caught-1', 'caught-2']);
        expect(caught.map((c) => c.lastInCommit)).toEqual([false, true]);
        const live = target.store.append(s, [ev('live')]);
        const [followed] = await take(iterator, 1);
        expect(followed!.event.type).toBe('live');
        expect(followed!.position).toBe((await live).position);
      } finally {
        await sub.close();
      }
    });

    test('concurrent appenders on one stream: exactly one wins each revision', async () => {
      const s = stream();
      await target.store.append(s, [ev('seed')], { expectedRevision: 'no_stream' });
      const writers = 8;
      const rounds = 5;
      for (let round = 0; round < rounds; round++) {
        const clients = [target.store, target.other ?? target.store];
        const outcomes = await Promise.allSettled(
          Array.from({ length: writers }, (_, i) =>
            clients[i % clients.length]!.append(s, [ev(`w${i}`)], { expectedRevision: round }),
          ),
        );
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o) => o.status === 'rejected') as PromiseRejectedResult[];
        expect(won).toHaveLength(1);
        expect(lost.every((l) => l.reason instanceof WrongExpectedRevisionError)).toBe(true);
      }
      const read = await target.store.readStream(s);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    }, 60_000);

    test('a 10,000-event stream reads back complete and in order', async () => {
      const s = stream();
      // One event per append, so the adapter pages through 10,000 separate stored commits.
      let revision: number | 'no_stream' = 'no_stream';
      for (let i = 0; i < 10_000; i++) {
        revision = (await target.store.append(s, [ev('N', { n: i })], { expectedRevision: revision })).nextRevision;
      }
      const read = await target.store.readStream(s);
      expect(read).toHaveLength(10_000);
      expect(read.every((e, i) => e.revision === i && (e.data as { n: number }).n === i)).toBe(true);
    }, 120_000);
  });
}
