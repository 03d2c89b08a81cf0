/**
 * An immutable string-keyed map whose `set` and `delete` copy only a small part of it (two levels
 * of 32 branches over a hash of the key, then a small leaf map), so a decider's `evolve` can stay
 * pure over large collections. Copying a plain object per event made folding an organisation with
 * 100,000 members quadratic (5·10⁹ property copies: the identity service never finished starting).
 */
const BITS = 5;
const WIDTH = 1 << BITS;

type Leaf<V> = ReadonlyMap<string, V>;
type Branch<V> = ReadonlyArray<Leaf<V> | undefined>;

function hash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class PersistentMap<V> {
  private static readonly EMPTY = new PersistentMap<never>([], 0);

  private constructor(
    private readonly root: ReadonlyArray<Branch<V> | undefined>,
    readonly size: number,
  ) {}

  static empty<V>(): PersistentMap<V> {
    return PersistentMap.EMPTY as PersistentMap<V>;
  }

  static from<V>(entries: Iterable<readonly [string, V]>): PersistentMap<V> {
    let map = PersistentMap.empty<V>();
    for (const [k, v] of entries) map = map.set(k, v);
    return map;
  }

  get(key: string): V | undefined {
    const h = hash(key);
    return this.root[h & (WIDTH - 1)]?.[(h >>> BITS) & (WIDTH - 1)]?.get(key);
  }

  has(key: string): boolean {
    const h = hash(key);
    return this.root[h & (WIDTH - 1)]?.[(h >>> BITS) & (WIDTH - 1)]?.has(key) ?? false;
  }

  set(key: string, value: V): PersistentMap<V> {
    return this.update(key, (leaf) => new Map(leaf).set(key, value));
  }

  delete(key: string): PersistentMap<V> {
    if (!this.has(key)) return this;
    return this.update(key, (leaf) => {
      const next = new Map(leaf);
      next.delete(key);
      return next;
    });
  }

  *entries(): IterableIterator<[string, V]> {
    for (const branch of this.root) for (const leaf of branch ?? []) if (leaf) yield* leaf.entries();
  }

  *values(): IterableIterator<V> {
    for (const [, v] of this.entries()) yield v;
  }

  *keys(): IterableIterator<string> {
    for (const [k] of this.entries()) yield k;
  }

  /** A plain object (tests and debugging). */
  toObject(): Record<string, V> {
    return Object.fromEntries(this.entries());
  }

  private update(key: string, change: (leaf: Leaf<V>) => Map<string, V>): PersistentMap<V> {
    const h = hash(key);
    const i = h & (WIDTH - 1);
    const j = (h >>> BITS) & (WIDTH - 1);
    const branch = this.root[i] ?? [];
    const leaf = branch[j] ?? new Map<string, V>();
    const nextLeaf = change(leaf);
    const nextBranch = branch.slice();
    nextBranch[j] = nextLeaf;
    const nextRoot = this.root.slice();
    nextRoot[i] = nextBranch;
    return new PersistentMap(nextRoot, this.size - leaf.size + nextLeaf.size);
  }
}
