import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JetStreamEventStore, type EventStore } from '#libs/event-store';
import { requireEnv } from '#libs/testing';
import { MemoryEngine, ProjectionHost } from '../src/index.js';
import { counterProjection, type CounterDoc } from './fixtures/counter.projection.js';

/**
 * The real JetStream store, with a count of the subscriptions opened on it: a host with many read
 * models must read the feed once, not once per read model (fifteen consumers per service lagged
 * behind at 100,000 keys).
 */
function counting(store: EventStore): { store: EventStore; subscriptions: () => number } {
  let opened = 0;
  const proxy = new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'subscribeAll') {
        return (...args: Parameters<EventStore['subscribeAll']>) => {
          opened++;
          return target.subscribeAll(...args);
        };
      }
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: proxy, subscriptions: () => opened };
}

describe('projection host: one feed for all its read models', () => {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  const snapshots = mkdtempSync(join(tmpdir(), 'host-'));
  let real: JetStreamEventStore;

  const append = async (stream: string, n: number) => (await real.append(stream, [{ id: randomUUID(), type: 'Counted', data: { n } }])).position;

  beforeAll(async () => {
    real = await JetStreamEventStore.connect({ servers: requireEnv('NATS_URL') }, { stream: `HOST_${suffix}`, subjectPrefix: `host${suffix}` });
  });
  afterAll(async () => {
    await real.close();
    rmSync(snapshots, { recursive: true, force: true });
  });

  it('three read models follow one subscription and each applies every event exactly once', async () => {
    const { store, subscriptions } = counting(real);
    const host = new ProjectionHost(store, new MemoryEngine({ snapshotDir: snapshots }), ['a', 'b', 'c'].map((c) => counterProjection(c)));
    await host.start();
    try {
      let last = 0;
      for (let i = 0; i < 300; i++) last = await append(`counter-k${i % 7}`, i);
      await host.waitFor(last, 20_000);
      const sums = await Promise.all(['a', 'b', 'c'].map(async (c) => (await host.collection<CounterDoc>(c).getMany(['k0', 'k6'])).map((d) => [d._id, d.count, d.sum])));
      const expected = [0, 6].map((k) => {
        const ns = Array.from({ length: 300 }, (_, i) => i).filter((i) => i % 7 === k);
        return [`k${k}`, ns.length, ns.reduce((s, n) => s + n, 0)];
      });
      expect(sums).toEqual([expected, expected, expected]);
      expect(subscriptions()).toBe(1);
    } finally {
      await host.stop();
    }
  });

  it('a read model added later catches up from the first event while the others skip what they applied', async () => {
    const head = await real.headPosition();
    const { store, subscriptions } = counting(real);
    // a, b and c resume from their snapshots; d is new and starts at zero.
    const host = new ProjectionHost(store, new MemoryEngine({ snapshotDir: snapshots }), ['a', 'b', 'c', 'd'].map((c) => counterProjection(c)));
    await host.start();
    try {
      expect(host.runner('a-projection').position).toBe(head);
      expect(host.runner('d-projection').position).toBe(0);
      const last = await append('counter-k0', 1_000);
      await host.waitFor(last, 20_000);
      const counts = await Promise.all(['a', 'd'].map(async (c) => (await host.collection<CounterDoc>(c).getMany(['k0']))[0]));
      expect(counts[1]).toEqual(counts[0]);
      expect(counts[0]).toMatchObject({ count: 44, _pos: last });
      expect(subscriptions()).toBe(1);
    } finally {
      await host.stop();
    }
  });

  it('rebuild and retry pause the shared feed and resume it; nothing is missed meanwhile', async () => {
    const host = new ProjectionHost(real, new MemoryEngine(), ['a', 'b'].map((c) => counterProjection(c)));
    await host.start();
    try {
      await host.catchUp(20_000);
      const before = await host.collection<CounterDoc>('a').getMany(['k1']);
      const rebuilding = host.rebuild();
      const during = await append('counter-k1', 5);
      await rebuilding;
      await host.waitFor(during, 20_000);
      await host.retryParked();
      const after = await append('counter-k1', 7);
      await host.waitFor(after, 20_000);
      for (const c of ['a', 'b']) {
        const [doc] = await host.collection<CounterDoc>(c).getMany(['k1']);
        expect({ c, count: doc!.count, sum: doc!.sum }).toEqual({ c, count: before[0]!.count + 2, sum: before[0]!.sum + 12 });
      }
      expect(host.status().map((s) => s.state)).toEqual(['running', 'running']);
    } finally {
      await host.stop();
    }
  });
});
