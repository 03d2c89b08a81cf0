import type { Connection } from 'mongoose';
import type { Collection, Document } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { connectMongo } from '#libs/read-models';
import type { AggregateQuery, AggregateResult, AnalyticsFeedback, AnalyticsLog, AnalyticsStore } from '../analytics-store.port.js';
import { FEEDBACK, INDEXES, LOGS, ROLLUPS, STATE, bucketCollection } from './analytics-collections.js';
import { feedbackDocument, logDocument, logOfDocument } from './analytics-documents.js';
import { planAggregate } from './aggregate-plan.js';
import { bucketAggregate, rawAggregate } from './mongo-aggregate.js';
import { bucketUpsert, bucketsOfLogs } from './bucket-record.js';
import { WRITE_CHUNK, writeIgnoringDuplicates } from './chunked-writes.js';
import { HISTOGRAM_RELATIVE_ERROR } from './latency-histogram.js';

interface StateDoc { _id: 'state'; checkpoint?: number; newestAt?: number; feedbackPosition?: number }

/**
 * The analytics store on MongoDB: raw logs (`_id` = log id) and minute/hour/day buckets of $inc'ed
 * counters, a latency histogram and user sets, so aligned graphs read buckets and the rest reads raw
 * logs (`planAggregate`). No multi-document transactions (FerretDB has none): ingest inserts raw
 * logs marked with their batch, increments buckets guarded by that batch, then clears the mark and
 * moves the checkpoint; a batch interrupted midway is finished from its marked logs at the next open.
 */
export class MongoAnalyticsStore implements AnalyticsStore {
  readonly name = 'mongo';
  readonly percentileRelativeError = HISTOGRAM_RELATIVE_ERROR;
  private dirty = true;

  constructor(private readonly db: Connection, private readonly ownsConnection = false) {}

  /** A store on its own connection (closed with the store), e.g. for the bench. */
  static async connect(url: string, dbName: string): Promise<MongoAnalyticsStore> {
    return new MongoAnalyticsStore(await connectMongo(url, dbName), true);
  }

  private col(name: string): Collection<Document> {
    return this.db.db!.collection(name);
  }

  async open(): Promise<void> {
    for (const [name, indexes] of Object.entries(INDEXES)) await this.col(name).createIndexes(indexes);
    await this.finishPendingBatches();
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.db.close();
  }

  private async state(): Promise<StateDoc> {
    return ((await this.col(STATE).findOne({ _id: 'state' as never })) as StateDoc | null) ?? { _id: 'state' };
  }
  async checkpoint(): Promise<number> {
    return (await this.state()).checkpoint ?? 0;
  }
  async feedbackPosition(): Promise<number> {
    return (await this.state()).feedbackPosition ?? 0;
  }
  async newestAt(): Promise<number | null> {
    return (await this.state()).newestAt ?? null;
  }

  async ingestLogs(logs: AnalyticsLog[]): Promise<void> {
    if (!logs.length) return;
    if (this.dirty) await this.finishPendingBatches();
    this.dirty = true;
    const batch = randomUUID();
    const duplicates = await writeIgnoringDuplicates(this.col(LOGS), logs.map((l) => ({ insertOne: { document: logDocument(l, batch) } })));
    await this.applyBatch(logs.filter((_, i) => !duplicates.has(i)), batch);
    await this.col(STATE).updateOne(
      { _id: 'state' as never },
      { $max: { checkpoint: Math.max(...logs.map((l) => l.seq)), newestAt: Math.max(...logs.map((l) => l.at)) } },
      { upsert: true },
    );
    this.dirty = false;
  }

  /** Adds a batch's new logs to every rollup (idempotent per bucket and batch), then unmarks them. */
  private async applyBatch(logs: AnalyticsLog[], batch: string): Promise<void> {
    if (logs.length) {
      for (const r of ROLLUPS) {
        const ops = [...bucketsOfLogs(logs, r.ms)].map(([id, rec]) => bucketUpsert(id, rec, batch));
        await writeIgnoringDuplicates(this.col(bucketCollection(r.unit)), ops);
      }
    }
    await this.col(LOGS).updateMany({ pb: batch }, { $unset: { pb: '' } });
  }

  /** Recovery: logs still marked with a batch were inserted but maybe not (fully) counted. */
  private async finishPendingBatches(): Promise<void> {
    const pending = (await this.col(LOGS).find({ pb: { $exists: true } }).toArray());
    const byBatch = new Map<string, AnalyticsLog[]>();
    for (const d of pending) byBatch.set(d.pb, [...(byBatch.get(d.pb) ?? []), logOfDocument(d)]);
    for (const [batch, logs] of byBatch) await this.applyBatch(logs, batch);
    this.dirty = false;
  }

  async upsertFeedback(feedback: AnalyticsFeedback[], position: number): Promise<void> {
    for (let i = 0; i < feedback.length; i += WRITE_CHUNK) {
      const ops = feedback.slice(i, i + WRITE_CHUNK).map((f) => ({ replaceOne: { filter: { _id: f.id as never }, replacement: feedbackDocument(f), upsert: true } }));
      await this.col(FEEDBACK).bulkWrite(ops, { ordered: false });
    }
    await this.col(STATE).updateOne({ _id: 'state' as never }, { $set: { feedbackPosition: position } }, { upsert: true });
  }

  async aggregate(query: AggregateQuery): Promise<AggregateResult> {
    const plan = planAggregate(query);
    const read = { logs: this.col(LOGS), feedback: this.col(FEEDBACK), buckets: (unit: (typeof ROLLUPS)[number]['unit']) => this.col(bucketCollection(unit)) };
    return plan.path === 'buckets' ? bucketAggregate(read, query, plan.segments) : rawAggregate(read, query);
  }

  async clear(): Promise<void> {
    for (const name of Object.keys(INDEXES)) await this.col(name).deleteMany({});
    await this.col(STATE).deleteMany({});
  }

  async sizeBytes(): Promise<number | null> {
    const stats = await this.db.db!.stats().catch(() => null);
    return stats ? Number(stats.storageSize ?? 0) + Number(stats.indexSize ?? 0) || null : null;
  }
}
