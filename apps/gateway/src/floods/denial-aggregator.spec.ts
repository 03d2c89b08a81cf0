import { describe, expect, it } from '@jest/globals';
import { DenialAggregator, type DenialDraft, type RepeatedDenials } from './denial-aggregator.js';

function setup(windowMs = 1000) {
  let now = 0;
  const firsts: DenialDraft[] = [];
  const repeats: RepeatedDenials[] = [];
  const aggregator = new DenialAggregator(
    { windowMs },
    { first: async (d) => void firsts.push(d), repeated: async (r) => void repeats.push(r) },
    () => now,
  );
  return { aggregator, firsts, repeats, tick: (ms: number) => (now += ms) };
}

const draft = (i: number) => () => ({ data: { i }, metadata: {} });

describe('denial aggregation', () => {
  it('the first denial of a source is recorded at once; its repeats in the window become one record with count, first and last', async () => {
    const { aggregator, firsts, repeats, tick } = setup();
    await aggregator.denied('ip|org|401', draft(0));
    for (let i = 1; i <= 999; i++) {
      tick(1);
      await aggregator.denied('ip|org|401', draft(i));
    }
    expect(firsts).toHaveLength(1);
    expect(repeats).toHaveLength(0);
    tick(1);
    await aggregator.flushEnded();
    expect(repeats).toEqual([{ draft: { data: { i: 1 }, metadata: {} }, count: 999, firstAt: new Date(1).toISOString(), lastAt: new Date(999).toISOString() }]);
  });

  it('sources are independent, and a new window starts with a recorded first denial again', async () => {
    const { aggregator, firsts, repeats, tick } = setup();
    await aggregator.denied('a', draft(1));
    await aggregator.denied('b', draft(2));
    await aggregator.denied('a', draft(3));
    tick(1000);
    await aggregator.denied('a', draft(4));
    expect(firsts.map((d) => d.data.i)).toEqual([1, 2, 4]);
    expect(repeats.map((r) => [r.draft.data.i, r.count])).toEqual([[3, 1]]);
    await aggregator.flushAll();
    expect(aggregator.pendingSources).toBe(0);
  });

  it('denials arriving while a window is being written out are counted, not lost', async () => {
    let now = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const repeats: RepeatedDenials[] = [];
    let firsts = 0;
    const aggregator = new DenialAggregator(
      { windowMs: 10 },
      {
        first: async () => void firsts++,
        repeated: async (r) => {
          await gate;
          repeats.push(r);
        },
      },
      () => now,
    );
    await aggregator.denied('s', draft(0));
    await aggregator.denied('s', draft(1));
    now = 10;
    const closing = aggregator.denied('s', draft(2));
    const during = [aggregator.denied('s', draft(3)), aggregator.denied('s', draft(4))];
    release();
    await Promise.all([closing, ...during]);
    await aggregator.flushAll();
    expect(firsts + repeats.reduce((n, r) => n + r.count, 0)).toBe(5);
  });

  it('counts add up to the number of denials: nothing is lost', async () => {
    const { aggregator, firsts, repeats, tick } = setup(100);
    for (let i = 0; i < 1000; i++) {
      tick(1);
      await aggregator.denied('flood', draft(i));
    }
    await aggregator.flushAll();
    expect(firsts.length + repeats.reduce((n, r) => n + r.count, 0)).toBe(1000);
    expect(firsts.length + repeats.length).toBeLessThanOrEqual(21);
  });
});
