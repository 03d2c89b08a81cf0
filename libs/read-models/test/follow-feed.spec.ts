import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { InMemoryEventStore, type EventStore, type SubscribeAllOptions, type Subscription } from '#libs/event-store';
import { eventually } from '#libs/testing';
import { MemoryEngine, ProjectorRunner } from '../src/index.js';
import { counterProjection } from './fixtures/counter.projection.js';

/** The store as it is, except that its first subscriptions misbehave: one fails, one goes silent. */
function unreliable(store: EventStore): EventStore & { subscriptions: number } {
  let count = 0;
  const wrapped = Object.create(store) as EventStore & { subscriptions: number };
  wrapped.subscribeAll = (options?: SubscribeAllOptions): Subscription => {
    const n = ++count;
    wrapped.subscriptions = count;
    const inner = store.subscribeAll(options);
    if (n === 1) {
      // Delivers two events, then fails as a lost consumer would.
      async function* failing() {
        let seen = 0;
        for await (const item of inner) {
          yield item;
          if (++seen === 2) throw new Error('consumer lost');
        }
      }
      const it = failing();
      return { [Symbol.asyncIterator]: () => it, close: () => inner.close() };
    }
    if (n === 2) {
      // Delivers nothing, ever, until closed: a stalled consumer.
      let release: () => void = () => undefined;
      const silent = (async function* () {
        await new Promise<void>((r) => (release = r));
      })();
      return {
        [Symbol.asyncIterator]: () => silent as AsyncIterator<never>,
        close: async () => {
          release();
          await inner.close();
        },
      };
    }
    return inner;
  };
  return wrapped;
}

describe('a follower of the feed never stops silently', () => {
  it('a subscription that fails, then one that stalls, are replaced: the projection reaches the head', async () => {
    const store = new InMemoryEventStore();
    for (let i = 0; i < 10; i++) await store.append(`counter-c${i % 3}`, [{ id: randomUUID(), type: 'Counted', data: { n: i } }]);
    const flaky = unreliable(store);
    const projection = counterProjection('counters');
    const storage = new MemoryEngine().storageFor(projection);
    const runner = new ProjectorRunner(flaky, storage, projection, { batchSize: 1, stallAfterMs: 1_000 });
    await runner.start();
    try {
      const head = await store.headPosition();
      await runner.waitFor(head, 20_000);
      expect(flaky.subscriptions).toBeGreaterThanOrEqual(3);
      const docs = await storage.scan(undefined, 10);
      expect(docs.reduce((n, d) => n + (d as unknown as { count: number }).count, 0)).toBe(10);
      // And it follows live appends afterwards.
      const { position } = await store.append('counter-c9', [{ id: randomUUID(), type: 'Counted', data: { n: 1 } }]);
      await eventually(() => runner.position >= position);
    } finally {
      await runner.stop();
    }
  }, 30_000);
});
