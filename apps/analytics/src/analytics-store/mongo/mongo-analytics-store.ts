import type { Connection } from 'mongoose';
import type { Collection, Document } from 'mongodb';
import { randomUUID } from 'node:crypto';
import { connectMongo, serverKind } from '#libs/read-models';
import type { AggregateQuery, AggregateResult, AnalyticsFeedback, AnalyticsLog, AnalyticsStore } from '../analytics-store.port.js';
import { FEEDBACK, INDEXES, LOGS, ROLLUPS, STATE, bucketCollection, ensureIndexes } from './analytics-collections.js';
import { feedbackDocument, logDocument, logOfDocument } from './analytics-documents.js';
import { planAggregate } from './aggregate-plan.js';
import { bucketAggregate, rawAggregate } from './mongo-aggregate.js';
import { bucketAppend, bucketUpsert, bucketsOfLogs, type BucketWrites } from './bucket-record.js';
import { WRITE_CHUNK, writeIgnoringDuplicates } from './chunked-writes.js';
import { HISTOGRAM_RELATIVE_ERROR } from './latency-histogram.js';

interface StateDoc { _id: 'state'; checkpoint?: number; newestAt?: number; feedbackPosition?: number; pendingBatch?: string }

export interface MongoAnalyticsStoreOptions {
  /** Default: `increment` on MongoDB, `append` on FerretDB (see `BucketWrites`). */
  bucketWrites?: BucketWrites;
}

/**
 * The analytics store on MongoDB: raw logs (`_id` = log id) and minute/hour/day buckets of counters,
 * a latency histogram and user sets, so aligned graphs read buckets and the rest reads raw logs
 * (`planAggregate`). No multi-document transactions (FerretDB has none): the state names the batch
 * in flight, raw logs are inserted tagged with it, only the newly inserted ones go to the buckets
 * (idempotently per batch), then the state moves the checkpoint and clears the batch. A batch
 * interrupted midway is finished from its tagged logs before the next one (and at open).
 */
export class MongoAnalyticsStore implements AnalyticsStore {
  readonly name = 'mongo';
  readonly percentileRelativeError = HISTOGRAM_RELATIVE_ERROR;
  private dirty = true;
  private bucketWrites: BucketWrites | undefined;

  constructor(private readonly db: Connection, private readonly options: MongoAnalyticsStoreOptions & { ownsConnection?: boolean } = {}) {}

  /** A store on its own connection (closed with the store), e.g. for the bench. */
  static async connect(url: string, dbName: string, options: MongoAnalyticsStoreOptions = {}): Promise<MongoAnalyticsStore> {
    return new MongoAnalyticsStore(await connectMongo(url, dbName), { ...options, ownsConnection: true });
  }

  private col(name: string): Collection<Document> {
    return this.db.db!.collection(name);
  }

  async open(): Promise<void> {
    this.bucketWrites = this.options.bucketWrites ?? ((await serverKind(this.db)) === 'mongodb' ? 'increment' : 'append');
    for (const [name, indexes] of Object.entries(INDEXES)) await ensureIndexes(this.col(name), indexes);
    await this.finishPendingBatch();
  }

  async close(): Promise<void> {
    if (this.options.ownsConnection) await this.db.close();
  }

  private async state(): Promise<StateDoc> {
    return ((await this.col(STATE).findOne({ _id: 'state' as never })) as StateDoc | null) ?? { _id: 'state' };
  }
  private async setState(update: Document): Promise<void> {
    await this.col(STATE).updateOne({ _id: 'state' as never }, update, { upsert: true });
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
    if (this.dirty) await this.finishPendingBatch();
    this.dirty = true;
    const batch = randomUUID();
    await this.setState({ $set: { pendingBatch: batch } });
    const duplicates = await writeIgnoringDuplicates(this.col(LOGS), logs.map((l) => ({ insertOne: { document: logDocument(l, batch) } })));
    await this.applyBatch(logs.filter((_, i) => !duplicates.has(i)), batch);
    await this.setState({ $unset: { pendingBatch: '' }, $max: { checkpoint: Math.max(...logs.map((l) => l.seq)), newestAt: Math.max(...logs.map((l) => l.at)) } });
    this.dirty = false;
  }

  /** Adds a batch's newly stored logs to every rollup; re-applying the same batch adds nothing. */
  private async applyBatch(logs: AnalyticsLog[], batch: string): Promise<void> {
    if (!logs.length) return;
    const write = this.bucketWrites === 'increment' ? bucketUpsert : bucketAppend;
    for (const r of ROLLUPS) {
      const ops = [...bucketsOfLogs(logs, r.ms)].map(([id, rec]) => write(id, rec, batch));
      await writeIgnoringDuplicates(this.col(bucketCollection(r.unit)), ops);
    }
  }

  /** Recovery: the batch in flight when the last ingest stopped is applied from the logs it stored. */
  private async finishPendingBatch(): Promise<void> {
    const batch = (await this.state()).pendingBatch;
    if (batch) {
      await this.applyBatch((await this.col(LOGS).find({ b: batch }).toArray()).map(logOfDocument), batch);
      await this.setState({ $unset: { pendingBatch: '' } });
    }
    this.dirty = false;
  }

  async upsertFeedback(feedback: AnalyticsFeedback[], position: number): Promise<void> {
    // Insert first, replace only the ids already stored: an update scans the collection on FerretDB.
    const inserts = feedback.map((f) => ({ insertOne: { document: feedbackDocument(f) } }));
    const known = await writeIgnoringDuplicates(this.col(FEEDBACK), inserts);
    const replaces = feedback.filter((_, i) => known.has(i)).map((f) => ({ replaceOne: { filter: { _id: f.id as never }, replacement: feedbackDocument(f) } }));
    for (let i = 0; i < replaces.length; i += WRITE_CHUNK) await this.col(FEEDBACK).bulkWrite(replaces.slice(i, i + WRITE_CHUNK), { ordered: false });
    await this.setState({ $set: { feedbackPosition: position } });
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
    if (!stats) return null;
    return Number(stats.totalSize ?? Number(stats.storageSize ?? 0) + Number(stats.indexSize ?? 0)) || null;
  }
}
