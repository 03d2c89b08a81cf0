import type { ProjectedDocument } from '../projection.js';
import { matches, type Filter } from '../query/filter.js';
import { planIndex } from '../query/index-plan.js';
import type { Equals, FindQuery, Page, Range, ReadCollection } from '../query/read-collection.js';
import { compareScalars, MAX_KEY, MIN_KEY, NUMBERS_END, scalarOf, STRINGS_END, type KeyPart } from '../query/scalar.js';
import { SortedList, type IndexKey } from './sorted-list.js';

interface MemoryIndex {
  fields: readonly string[];
  list: SortedList;
}

/** The implicit index every collection has: document ids in order (dumps, comparisons). */
export const ID_INDEX = '_id';

/**
 * One read model in memory: documents by id plus an ordered index per declaration, kept in step
 * on every write. Documents are immutable values (projections return new objects), so a
 * snapshot can hold on to them while the projector moves on.
 */
export class MemoryCollection<Doc extends ProjectedDocument = ProjectedDocument> implements ReadCollection<Doc> {
  private docs = new Map<string, Doc>();
  private readonly indexes = new Map<string, MemoryIndex>();

  constructor(
    readonly name: string,
    indexes: Readonly<Record<string, readonly string[]>> = {},
  ) {
    this.indexes.set(ID_INDEX, { fields: [], list: new SortedList() });
    for (const [index, fields] of Object.entries(indexes)) this.indexes.set(index, { fields, list: new SortedList() });
  }

  get size(): number {
    return this.docs.size;
  }

  /** Replaces (or, with null, deletes) a document and its index entries. */
  put(id: string, doc: Doc | null): void {
    const old = this.docs.get(id);
    for (const index of this.indexes.values()) {
      if (old) index.list.delete(keyOf(index.fields, old, id));
      if (doc) index.list.insert(keyOf(index.fields, doc, id));
    }
    if (doc) this.docs.set(id, doc);
    else this.docs.delete(id);
  }

  clear(): void {
    this.docs = new Map();
    for (const [name, index] of this.indexes) this.indexes.set(name, { fields: index.fields, list: new SortedList() });
  }

  /** Every document, in id order (snapshots, dumps). */
  *all(afterId?: string): Generator<Doc> {
    const list = this.indexes.get(ID_INDEX)!.list;
    const from = afterId === undefined ? 0 : list.rank([afterId, MAX_KEY]);
    for (const key of list.range(from, list.size)) yield this.docs.get(key[0] as string)!;
  }

  getSync(id: string): Doc | null {
    return this.docs.get(id) ?? null;
  }

  async get(id: string): Promise<Doc | null> {
    return this.getSync(id);
  }

  async getMany(ids: readonly string[]): Promise<Doc[]> {
    return ids.map((id) => this.docs.get(id)).filter((d): d is Doc => d !== undefined);
  }

  async first(index: string, eq: Equals, where?: Filter): Promise<Doc | null> {
    return this.findSync(index, { eq, where, limit: 1 }).docs[0] ?? null;
  }

  async count(index: string, eq?: Equals, where?: Filter): Promise<number> {
    return this.findSync(index, { eq, where, limit: 0 }).total;
  }

  async find(index: string, query: FindQuery = {}): Promise<Page<Doc>> {
    return this.findSync(index, query);
  }

  findSync(index: string, query: FindQuery): Page<Doc> {
    const { list, fields } = this.index(index);
    const plan = planIndex(this.name, index, fields, query.eq);
    const skip = query.skip ?? 0;
    const limit = query.limit ?? Number.MAX_SAFE_INTEGER;
    const [lower, upper] = rangeBounds(query.range, plan.orderFields);
    const ranges = plan.combinations
      .map((values) => [list.rank([...values, ...lower]), list.rank([...values, ...upper])] as const)
      .filter(([lo, hi]) => hi > lo);
    if (!query.where && ranges.length <= 1) {
      // The common case costs O(log n + page): a positional slice of one range.
      const [lo, hi] = ranges[0] ?? [0, 0];
      const total = hi - lo;
      const from = query.reverse ? Math.max(lo, hi - skip - limit) : lo + skip;
      const to = query.reverse ? hi - skip : Math.min(hi, lo + skip + limit);
      return { total, docs: [...list.range(from, to, query.reverse)].map((k) => this.docAt(k)) };
    }
    const docs: Doc[] = [];
    let total = 0;
    const k = plan.prefix.length;
    const streams = ranges.map(([lo, hi]) => list.range(lo, hi, query.reverse));
    for (const key of merge(streams, k, query.reverse ?? false)) {
      const doc = this.docAt(key);
      if (!matches(doc as unknown as Record<string, unknown>, query.where)) continue;
      if (total >= skip && docs.length < limit) docs.push(doc);
      total++;
      // Without a residual filter the total is known from the ranges: stop once the page is full.
      if (!query.where && docs.length >= limit) return { total: ranges.reduce((n, [lo, hi]) => n + hi - lo, 0), docs };
    }
    return { total, docs };
  }

  private index(name: string): MemoryIndex {
    const index = this.indexes.get(name);
    if (!index) throw new Error(`read model ${this.name} declares no index named ${name}`);
    return index;
  }

  private docAt(key: IndexKey): Doc {
    return this.docs.get(key[key.length - 1] as string)!;
  }
}

/** Key suffixes bounding a range on the first order field (MongoDB's type bracketing: one type only). */
function rangeBounds(range: Range | undefined, orderFields: readonly string[]): [KeyPart[], KeyPart[]] {
  if (!range) return [[MIN_KEY], [MAX_KEY]];
  if (!orderFields.length) throw new Error('a range needs an order field after the equality prefix');
  const sample = range.gte ?? range.gt ?? range.lte ?? range.lt;
  const strings = typeof sample === 'string';
  const lower: KeyPart[] = range.gte !== undefined ? [range.gte, MIN_KEY] : range.gt !== undefined ? [range.gt, MAX_KEY] : strings ? [NUMBERS_END] : [-Infinity, MIN_KEY];
  const upper: KeyPart[] = range.lte !== undefined ? [range.lte, MAX_KEY] : range.lt !== undefined ? [range.lt, MIN_KEY] : strings ? [STRINGS_END] : [NUMBERS_END];
  return [lower, upper];
}

function keyOf(fields: readonly string[], doc: object, id: string): IndexKey {
  const key: KeyPart[] = fields.map((f) => scalarOf((doc as Record<string, unknown>)[f]));
  key.push(id);
  return key;
}

/** Merges ranges that share an equality prefix of length `k` by the rest of their keys. */
function* merge(streams: Generator<IndexKey>[], k: number, reverse: boolean): Generator<IndexKey> {
  if (streams.length === 1) {
    yield* streams[0]!;
    return;
  }
  const heads = streams.map((s) => s.next());
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      if (heads[i]!.done) continue;
      if (best < 0 || compareSuffix(heads[i]!.value as IndexKey, heads[best]!.value as IndexKey, k) * (reverse ? -1 : 1) < 0) best = i;
    }
    if (best < 0) return;
    yield heads[best]!.value as IndexKey;
    heads[best] = streams[best]!.next();
  }
}

function compareSuffix(a: IndexKey, b: IndexKey, k: number): number {
  for (let i = k; i < a.length && i < b.length; i++) {
    const c = compareScalars(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}
