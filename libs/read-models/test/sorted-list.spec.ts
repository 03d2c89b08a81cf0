import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { compareKeys, MAX_KEY, MIN_KEY, SortedList, type IndexKey } from '../src/index.js';

const key = fc.tuple(fc.oneof(fc.constant(null), fc.integer({ min: -5, max: 5 }), fc.constantFrom('a', 'b', 'c', 'ab'), fc.boolean()), fc.string({ maxLength: 3 }));

describe('SortedList (the ordered index of the memory engine)', () => {
  it('behaves like a sorted array under any sequence of inserts and deletes: order, size, rank and ranges', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), key), { maxLength: 3_000 }), (ops) => {
        const list = new SortedList();
        let model: IndexKey[] = [];
        for (const [insert, k] of ops) {
          const present = model.some((m) => compareKeys(m, k) === 0);
          if (insert && !present) {
            list.insert(k);
            model.push(k);
          } else if (!insert) {
            expect(list.delete(k)).toBe(present);
            model = model.filter((m) => compareKeys(m, k) !== 0);
          }
        }
        model.sort(compareKeys);
        expect(list.size).toBe(model.length);
        expect([...list.range(0, list.size)]).toEqual(model);
        expect([...list.range(0, list.size, true)]).toEqual([...model].reverse());
        for (const probe of [[MIN_KEY], [MAX_KEY], ...model.slice(0, 20), [3, MIN_KEY], ['b', MAX_KEY]] as IndexKey[]) {
          expect(list.rank(probe)).toBe(model.filter((m) => compareKeys(m, probe) < 0).length);
        }
        const from = Math.floor(model.length / 3);
        const to = Math.floor((2 * model.length) / 3) + 1;
        expect([...list.range(from, to)]).toEqual(model.slice(from, to));
      }),
      { numRuns: 60 },
    );
  });

  it('orders booleans false before true, after strings (MongoDB\'s order), and never equal to each other', () => {
    expect(compareKeys([false], [true])).toBeLessThan(0);
    expect(compareKeys([true], [false])).toBeGreaterThan(0);
    expect(compareKeys(['zzz'], [false])).toBeLessThan(0);
    expect(compareKeys([null], [0])).toBeLessThan(0);
  });

  it('stays ordered across chunk splits (thousands of keys, inserted out of order)', () => {
    const list = new SortedList();
    const ids = Array.from({ length: 20_000 }, (_, i) => `id${String((i * 7_919) % 20_000).padStart(5, '0')}`);
    for (const id of ids) list.insert([id]);
    const all = [...list.range(0, list.size)].map((k) => k[0]);
    expect(all).toEqual([...ids].sort());
    expect(list.rank(['id10000'])).toBe(10_000);
  });
});
