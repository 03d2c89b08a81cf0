import { Logger } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { categoryOf, type EventStore, type SubscribedEvent, type Subscription } from '#libs/event-store';
import { runBatchedFeed } from './batched-feed.js';
import { CheckpointStore } from './checkpoint.store.js';
import { PositionWaiters } from './position-waiters.js';
import type { ProjectedDocument, ProjectionDefinition } from './projection.js';

export interface ProjectorOptions {
  /** Events per write batch (cut only at the end of an append). Default 500. */
  batchSize?: number;
  /** Collection to write instead of the projection's own (replays into fresh collections). */
  collection?: string;
  /** Checkpoint id instead of the projection's name. */
  checkpointId?: string;
  /** Called after each batch is durable (progress bars, metrics). */
  onBatch?: (position: number, events: number) => void;
}

const IDLE_FLUSH_MS = 5;
const WRITE_CHUNK = 50;

/**
 * Runs one projection: subscribes to the whole feed after its checkpoint, folds batches of
 * events into documents (one read and one bulk write per batch), then moves the checkpoint.
 * A crash between the write and the checkpoint replays the batch harmlessly: events at or
 * below a document's `_pos` are skipped.
 */
export class ProjectorRunner<Doc extends ProjectedDocument = ProjectedDocument> {
  private readonly logger: Logger;
  private readonly checkpoints: CheckpointStore;
  private readonly categories: Set<string>;
  private subscription?: Subscription;
  private loop?: Promise<void>;
  private stopped = true;
  private readonly progress: PositionWaiters;
  private casSupported?: boolean;
  readonly collectionName: string;
  readonly checkpointId: string;

  constructor(
    private readonly store: EventStore,
    private readonly db: Connection,
    readonly projection: ProjectionDefinition<Doc>,
    private readonly options: ProjectorOptions = {},
  ) {
    this.logger = new Logger(`projector:${projection.name}`);
    this.checkpoints = new CheckpointStore(db);
    this.categories = new Set(projection.categories);
    this.collectionName = options.collection ?? projection.collection;
    this.checkpointId = options.checkpointId ?? projection.name;
    this.progress = new PositionWaiters(`read model ${projection.name}`);
  }

  /** Position of the last append this projection has fully applied. */
  get position(): number {
    return this.progress.position;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    await this.ensureIndexes();
    this.progress.reset(await this.checkpoints.load(this.checkpointId));
    this.stopped = false;
    this.subscription = this.store.subscribeAll({ fromPosition: this.position });
    const feed = { batchSize: this.options.batchSize ?? 500, idleMs: IDLE_FLUSH_MS, stopped: () => this.stopped };
    this.loop = runBatchedFeed(this.subscription, feed, (batch) => this.flush(batch)).catch((error) => {
      if (!this.stopped) this.logger.error(`stopped on error: ${(error as Error)?.stack ?? error}`);
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
  }

  /** Drops the read model and its checkpoint, then projects again from the first event. */
  async rebuild(): Promise<void> {
    await this.stop();
    await this.db.collection(this.collectionName).drop().catch(() => undefined);
    await this.checkpoints.reset(this.checkpointId);
    await this.start();
  }

  /** Read-your-writes: resolves once `position` is applied, or fails after `timeoutMs`. */
  waitFor(position: number | undefined, timeoutMs = 5_000): Promise<void> {
    return this.progress.waitFor(position, timeoutMs);
  }

  /** Applies a batch until it sticks; a failing database is retried, never skipped. */
  private async flush(batch: SubscribedEvent[]): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        return await this.apply(batch);
      } catch (error) {
        const delay = Math.min(5_000, 100 * 2 ** attempt);
        this.logger.warn(`batch failed (${(error as Error).message}); retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async apply(batch: SubscribedEvent[]): Promise<void> {
    const last = batch.at(-1)!.position;
    const relevant = batch.filter((b) => b.position > this.position && this.categories.has(categoryOf(b.event.streamName)));
    if (relevant.length) await this.writeDocuments(relevant);
    await this.checkpoints.save(this.checkpointId, last);
    this.advance(last, batch.length);
  }

  private async writeDocuments(batch: SubscribedEvent[]): Promise<void> {
    const collection = this.db.collection<ProjectedDocument>(this.collectionName);
    const keysPerEvent = batch.map((b) => this.projection.keysOf(b.event));
    const ids = [...new Set(keysPerEvent.flat())];
    if (!ids.length) return;
    const docs = new Map<string, Doc | null>();
    // What the database already reflects: events of commits at or below it are skipped. (Events
    // of one commit share a position, so this must be the stored value, not the in-batch one.)
    const storedPos = new Map<string, number>();
    for (const doc of await collection.find({ _id: { $in: ids } }).toArray()) {
      docs.set(doc._id, doc as Doc);
      storedPos.set(doc._id, doc._pos ?? 0);
    }
    const changed = new Set<string>();
    batch.forEach(({ event, position }, i) => {
      for (const key of keysPerEvent[i]!) {
        if ((storedPos.get(key) ?? 0) >= position) continue;
        const next = this.projection.evolve(docs.get(key) ?? null, event, key);
        docs.set(key, next ? ({ ...next, _id: key, _pos: position } as Doc) : null);
        changed.add(key);
      }
    });
    const cas = await this.compareAndSwap();
    type Operation = Parameters<typeof collection.bulkWrite>[0][number];
    const operations = [...changed].flatMap((key): Operation[] => {
      const doc = docs.get(key) ?? null;
      const stored = storedPos.get(key);
      // Compare-and-swap on the stored `_pos`: a replica that wrote in between makes this batch
      // re-read and re-apply, instead of one of them silently overwriting the other.
      const filter = cas && stored !== undefined ? { _id: key, _pos: stored } : { _id: key };
      if (stored === undefined) return doc ? [{ insertOne: { document: doc } }] : [];
      return doc ? [{ replaceOne: { filter, replacement: doc } }] : [{ deleteOne: { filter } }];
    });
    // FerretDB 1.24 stalls on a single write command of 100 or more statements.
    for (let i = 0; i < operations.length; i += WRITE_CHUNK) {
      const chunk = operations.slice(i, i + WRITE_CHUNK);
      const result = await collection.bulkWrite(chunk, { ordered: false });
      const applied = result.insertedCount + result.matchedCount + result.deletedCount;
      if (applied !== chunk.length) throw new Error(`concurrent write on ${this.collectionName}: ${applied}/${chunk.length} applied`);
    }
  }

  /** MongoDB checks `_id` + `_pos` on the index; FerretDB cannot push that filter down, so it
   * gets plain `_id` writes (FerretDB is the single-instance local set-up). */
  private async compareAndSwap(): Promise<boolean> {
    this.casSupported ??= await this.db
      .db!.admin()
      .command({ buildInfo: 1 })
      .then((info) => !('ferretdbVersion' in info))
      .catch(() => true);
    return this.casSupported;
  }

  private advance(position: number, events: number): void {
    this.progress.advance(position);
    this.options.onBatch?.(this.position, events);
  }

  private async ensureIndexes(): Promise<void> {
    const collection = this.db.collection(this.collectionName);
    for (const [fields, options] of this.projection.indexes ?? []) {
      await collection.createIndex(fields, options ?? {});
    }
  }
}
