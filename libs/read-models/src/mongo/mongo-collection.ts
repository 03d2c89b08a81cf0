import type { Collection, Connection } from 'mongoose';
import type { ProjectedDocument } from '../projection.js';
import { toMongoFilter, type Filter } from '../query/filter.js';
import { planIndex } from '../query/index-plan.js';
import type { Equals, FindQuery, Page, Range, ReadCollection } from '../query/read-collection.js';
import { decodeValue } from './key-codec.js';

/**
 * A read model in MongoDB. Each declared index is a MongoDB index of the same name (created at
 * start, idempotently) and every query is hinted to it, so none can fall back to a scan. FerretDB
 * 1.x accepts no hints (and uses no index anyway): there the same queries run unhinted.
 */
export class MongoCollection<Doc extends ProjectedDocument = ProjectedDocument> implements ReadCollection<Doc> {
  constructor(
    private readonly db: Connection,
    readonly name: string,
    private readonly indexes: Readonly<Record<string, readonly string[]>>,
    private readonly hints: boolean,
  ) {}

  private get raw(): Collection {
    return this.db.collection(this.name);
  }

  async ensureIndexes(): Promise<void> {
    for (const [index, fields] of Object.entries(this.indexes)) {
      const spec = Object.fromEntries([...fields, '_id'].map((f) => [f, 1 as const]));
      await this.raw.createIndex(spec, { name: index });
    }
  }

  async get(id: string): Promise<Doc | null> {
    return decode<Doc>(await this.raw.findOne({ _id: id as never }));
  }

  async getMany(ids: readonly string[]): Promise<Doc[]> {
    if (!ids.length) return [];
    const found = new Map<string, Doc>();
    for (const doc of await this.raw.find({ _id: { $in: [...ids] } as never }).toArray()) found.set(String(doc._id), decode<Doc>(doc)!);
    return ids.map((id) => found.get(id)).filter((d): d is Doc => d !== undefined);
  }

  async first(index: string, eq: Equals, where?: Filter): Promise<Doc | null> {
    return (await this.find(index, { eq, where, limit: 1, skipTotal: true } as FindQuery)).docs[0] ?? null;
  }

  async count(index: string, eq?: Equals, where?: Filter): Promise<number> {
    const { filter, hint } = this.plan(index, eq, where);
    return this.raw.countDocuments(filter, hint ? { hint } : {});
  }

  async find(index: string, query: FindQuery = {}): Promise<Page<Doc>> {
    const { filter, hint, orderFields } = this.plan(index, query.eq, query.where, query.range);
    const direction = query.reverse ? -1 : 1;
    const sort = Object.fromEntries([...orderFields, '_id'].map((f) => [f, direction]));
    let cursor = this.raw.find(filter).sort(sort as never);
    if (hint) cursor = cursor.hint(hint);
    if (query.skip) cursor = cursor.skip(query.skip);
    if (query.limit !== undefined) cursor = cursor.limit(query.limit);
    const skipTotal = (query as { skipTotal?: boolean }).skipTotal;
    const [total, docs] = await Promise.all([
      skipTotal ? Promise.resolve(0) : this.raw.countDocuments(filter, hint ? { hint } : {}),
      query.limit === 0 ? Promise.resolve([]) : cursor.toArray(),
    ]);
    return { total, docs: docs.map((d) => decode<Doc>(d)!) };
  }

  /** The server's plan for `find(index, query)` (tests prove every query is served by its index). */
  async explain(index: string, query: FindQuery = {}): Promise<unknown> {
    const { filter, hint, orderFields } = this.plan(index, query.eq, query.where, query.range);
    const direction = query.reverse ? -1 : 1;
    let cursor = this.raw.find(filter).sort(Object.fromEntries([...orderFields, '_id'].map((f) => [f, direction])) as never);
    if (hint) cursor = cursor.hint(hint);
    return cursor.limit(query.limit ?? 0).explain('queryPlanner');
  }

  private plan(index: string, eq: Equals | undefined, where: Filter | undefined, range?: Range) {
    const plan = planIndex(this.name, index, this.indexes[index] ?? (index === '_id' ? [] : undefined), eq);
    const filter: Record<string, unknown> = toMongoFilter(where);
    for (const field of plan.prefix) {
      const value = eq![field];
      filter[field] = Array.isArray(value) ? { $in: value } : value;
    }
    if (range) {
      const field = plan.orderFields[0];
      if (!field) throw new Error('a range needs an order field after the equality prefix');
      filter[field] = Object.fromEntries(Object.entries(range).filter(([, v]) => v !== undefined).map(([op, v]) => [`$${op}`, v]));
    }
    return { filter, hint: this.hints && index !== '_id' ? index : undefined, orderFields: plan.orderFields };
  }
}

export function decode<Doc>(stored: unknown): Doc | null {
  return stored ? (decodeValue(stored) as Doc) : null;
}
