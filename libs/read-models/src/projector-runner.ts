import { Logger } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { DomainError } from '#libs/contracts';
import { categoryOf, type EventStore, type SubscribedEvent, type Subscription } from '#libs/event-store';
import { CheckpointStore } from './checkpoint.store.js';
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
  private processed = 0;
  private waiters: Array<{ position: number; resolve: () => void }> = [];
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
  }

  /** Position of the last append this projection has fully applied. */
  get position(): number {
    return this.processed;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    await this.ensureIndexes();
    this.processed = await this.checkpoints.load(this.checkpointId);
    this.stopped = false;
    this.subscription = this.store.subscribeAll({ fromPosition: this.processed });
    this.loop = this.run(this.subscription).catch((error) => {
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
  async waitFor(position: number | undefined, timeoutMs = 5_000): Promise<void> {
    if (!position || this.processed >= position) return;
    await new Promise<void>((resolve, reject) => {
      const waiter = { position, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(
          new DomainError('READ_MODEL.NOT_CAUGHT_UP', `read model ${this.projection.name} has not reached position ${position} yet`, 503, {
            projection: this.projection.name,
            position,
            at: this.processed,
          }),
        );
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private async run(subscription: Subscription): Promise<void> {
    const iterator = subscription[Symbol.asyncIterator]();
    let batch: SubscribedEvent[] = [];
    let next = iterator.next();
    const batchSize = this.options.batchSize ?? 500;
    while (!this.stopped) {
      let timer: NodeJS.Timeout | undefined;
      const result = batch.length
        ? await Promise.race([next, new Promise<'idle'>((r) => (timer = setTimeout(() => r('idle'), IDLE_FLUSH_MS)))])
        : await next;
      clearTimeout(timer);
      if (result === 'idle') {
        if (batch.at(-1)!.lastInCommit) batch = await this.flush(batch);
        continue;
      }
      if (result.done) break;
      next = iterator.next();
      batch.push(result.value);
      if (batch.length >= batchSize && result.value.lastInCommit) batch = await this.flush(batch);
    }
    if (batch.length && batch.at(-1)!.lastInCommit && !this.stopped) await this.flush(batch);
  }

  /** Applies a batch until it sticks; a failing database is retried, never skipped. */
  private async flush(batch: SubscribedEvent[]): Promise<SubscribedEvent[]> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.apply(batch);
        return [];
      } catch (error) {
        const delay = Math.min(5_000, 100 * 2 ** attempt);
        this.logger.warn(`batch failed (${(error as Error).message}); retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    return [];
  }

  private async apply(batch: SubscribedEvent[]): Promise<void> {
    const last = batch.at(-1)!.position;
    const relevant = batch.filter((b) => b.position > this.processed && this.categories.has(categoryOf(b.event.streamName)));
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
    this.processed = Math.max(this.processed, position);
    const ready = this.waiters.filter((w) => w.position <= this.processed);
    this.waiters = this.waiters.filter((w) => w.position > this.processed);
    ready.forEach((w) => w.resolve());
    this.options.onBatch?.(this.processed, events);
  }

  private async ensureIndexes(): Promise<void> {
    const collection = this.db.collection(this.collectionName);
    for (const [fields, options] of this.projection.indexes ?? []) {
      await collection.createIndex(fields, options ?? {});
    }
  }
}
