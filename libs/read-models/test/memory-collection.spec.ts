import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeValue, encodeValue, escapeKey, MemoryCollection, toMongoFilter, unescapeKey } from '../src/index.js';

interface Doc {
  _id: string;
  orgId: string;
  type: string;
  createdAt: string;
}

describe('MemoryCollection', () => {
  it('keeps every index in step with puts and deletes, and pages by rank', async () => {
    const c = new MemoryCollection<Doc>('keys', { byOrgType: ['orgId', 'type', 'createdAt'] });
    for (let i = 0; i < 1_000; i++) c.put(`k${String(i).padStart(4, '0')}`, { _id: `k${String(i).padStart(4, '0')}`, orgId: `o${i % 2}`, type: `t${i % 3}`, createdAt: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}Z` });
    const page = await c.find('byOrgType', { eq: { orgId: 'o0', type: ['t0', 't1'] }, skip: 10, limit: 5 });
    expect(page.total).toBe(333);
    expect(page.docs.map((d) => d.createdAt)).toEqual([...page.docs.map((d) => d.createdAt)].sort());
    // Moving a document between index ranges moves its entry.
    c.put('k0000', { _id: 'k0000', orgId: 'o0', type: 't2', createdAt: '2020-01-01T00:00:00Z' });
    expect(await c.count('byOrgType', { orgId: 'o0', type: 't0' })).toBe(166);
    expect((await c.first('byOrgType', { orgId: 'o0', type: 't2' }))?._id).toBe('k0000');
    c.put('k0000', null);
    expect(await c.count('byOrgType', { orgId: 'o0' })).toBe(499);
    expect(await c.get('k0000')).toBeNull();
  });

  it('refuses a query its indexes cannot serve, instead of scanning', async () => {
    const c = new MemoryCollection<Doc>('keys', { byOrgType: ['orgId', 'type', 'createdAt'] });
    await expect(c.find('byOrgType', { eq: { type: 't0' } })).rejects.toThrow(/leading prefix|cannot serve/);
    await expect(c.find('byName', {})).rejects.toThrow(/no index named byName/);
  });
});

describe('the MongoDB key codec', () => {
  it('round-trips any JSON value exactly, and leaves no key MongoDB refuses', () => {
    const nasty = fc.oneof(fc.string(), fc.constantFrom('a.b', '$x', '%', '%2E', 'k\u0000', '.', '$'));
    const json = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(nasty, tie('v'), { maxKeys: 4 })),
    })).v;
    fc.assert(
      fc.property(json, (value) => {
        const encoded = encodeValue(value);
        expect(decodeValue(encoded)).toEqual(value);
        const keys: string[] = [];
        const walk = (v: unknown) => {
          if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (keys.push(k), walk(x));
        };
        walk(encoded);
        for (const k of keys) expect(k === '%json' || !/[.\u0000]|^\$/.test(k)).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(unescapeKey(escapeKey('%2E.$'))).toBe('%2E.$');
  });

  it('stores a value nested past MongoDB\'s limit as JSON text under the one key escaping never produces', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = { d: deep };
    const encoded = JSON.stringify(encodeValue(deep));
    expect(encoded).toContain('"%json"');
    expect(decodeValue(JSON.parse(encoded))).toEqual(deep);
  });

  it('translates residual filters to MongoDB operators with regex metacharacters escaped', () => {
    expect(toMongoFilter({ name: { $contains: 'a.b*' }, status: { $in: ['active'] }, n: { $gte: 2 }, x: null })).toEqual({
      name: { $regex: 'a\\.b\\*' },
      status: { $in: ['active'] },
      n: { $gte: 2 },
      x: null,
    });
  });
});
