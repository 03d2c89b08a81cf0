import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PersistentMap } from '../src/index.js';

describe('PersistentMap', () => {
  it('answers like a Map after any sequence of sets and deletes, and never changes an older version', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.string({ maxLength: 4 }), value: fc.integer() }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.string({ maxLength: 4 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const model = new Map<string, number>();
        let map = PersistentMap.empty<number>();
        const versions: Array<[PersistentMap<number>, Map<string, number>]> = [];
        for (const o of ops) {
          if (o.kind === 'set') {
            model.set(o.key, o.value);
            map = map.set(o.key, o.value);
          } else {
            model.delete(o.key);
            map = map.delete(o.key);
          }
          versions.push([map, new Map(model)]);
        }
        for (const [version, expected] of versions) {
          expect(version.size).toBe(expected.size);
          expect(new Map(version.entries())).toEqual(expected);
          for (const [k, v] of expected) expect(version.get(k)).toBe(v);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('holds 100,000 keys: lookups, size and iteration agree with the keys written', () => {
    let map = PersistentMap.empty<number>();
    for (let i = 0; i < 100_000; i++) map = map.set(`user-${i}`, i);
    const before = map;
    map = map.delete('user-7').set('user-8', -8);
    expect([map.size, map.get('user-7'), map.get('user-8'), map.get('user-99999')]).toEqual([99_999, undefined, -8, 99_999]);
    expect([before.size, before.get('user-7'), before.get('user-8')]).toEqual([100_000, 7, 8]);
    expect([...map.keys()].length).toBe(99_999);
    expect(map.delete('absent')).toBe(map);
  });
});
