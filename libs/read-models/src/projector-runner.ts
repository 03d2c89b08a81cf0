import { Logger } from '@nestjs/common';
import { categoryOf, type EventStore, type SubscribedEvent } from '#libs/event-store';
import { followFeed, type FeedFollower } from './follow-feed.js';
import { PositionWaiters } from './position-waiters.js';
import type { ProjectedDocument, ProjectionDefinition } from './projection.js';
import type { DeadLetter } from './runner/dead-letter.js';
import { foldBatch, letterFor } from './runner/fold-batch.js';
import { ConcurrentWriteError, type DocumentChange, type ProjectionStorage } from './runner/projection-storage.js';

export interface ProjectorOptions {
  /** Events per write batch (cut only at the end of an append). Default 500. */
  batchSize?: number;
  /** With the store ahead and nothing applied for this long, the feed is resubscribed. Default 15 s. */
  stallAfterMs?: number;
  /** Called after each batch is durable (progress bars, metrics). */
  onBatch?: (position: number, events: number) => void;
  /** Attempts at a failing batch, with backoff, before its documents are written one by one. Default 4. */
  attempts?: number;
  clock?: () => number;
}

export interface ProjectionStatus {
  projection: string;
  engine: 'memory' | 'mongo';
  position: number;
  state: 'stopped' | 'running' | 'failing';
  parked: number;
  parkedSinceStart: number;
  lastError: string | null;
  documents?: number;
}

const IDLE_FLUSH_MS = 5;

/**
 * Runs one projection: subscribes to the feed after its checkpoint, folds batches of events into
 * documents (one read and one write per batch), then moves the checkpoint. A crash between the
 * write and the checkpoint replays the batch harmlessly: events at or below a document's `_pos`
 * are skipped. No event can stall it: a bad event is parked (`foldBatch`), and a batch the store
 * keeps refusing while it otherwise answers is written document by document, parking the events
 * of the documents it refuses. An unreachable store is waited for, never parked around.
 */
export class ProjectorRunner<Doc extends ProjectedDocument = ProjectedDocument> {
  private readonly logger: Logger;
  private readonly categories: Set<string>;
  private follower?: FeedFollower;
  private stopped = true;
  private readonly progress: PositionWaiters;
  private parkedSinceStart = 0;
  private parkedCount = 0;
  private lastError: string | null = null;
  private failing = false;
  /** Set while the feed itself is failing or stalled (being resubscribed). */
  private feedTrouble: string | null = null;
  /** Whether the runner follows the feed itself (else its host hands it batches). */
  private follows = true;

  constructor(
    private readonly store: EventStore,
    readonly storage: ProjectionStorage<Doc>,
    readonly projection: ProjectionDefinition<Doc>,
    private readonly options: ProjectorOptions = {},
  ) {
    this.logger = new Logger(`projector:${projection.name}`);
    this.categories = new Set(projection.categories);
    this.progress = new PositionWaiters(`read model ${projection.name}`);
  }

  /** Position of the last append this projection has fully applied. */
  get position(): number {
    return this.progress.position;
  }

  /**
   * Opens the storage and follows the feed. With `follow: false` the runner only opens: whoever
   * started it (a `ProjectionHost`, one feed for all its projections) hands it batches with `consume`.
   */
  async start(options: { follow?: boolean } = {}): Promise<void> {
    if (!this.stopped) return;
    this.follows = options.follow ?? this.follows;
    this.progress.reset(await this.storage.open());
    this.parkedCount = (await this.storage.deadLetters()).length;
    this.stopped = false;
    if (!this.follows) return;
    this.follower = followFeed({
      name: `projector:${this.projection.name}`,
      store: this.store,
      position: () => this.position,
      batchSize: this.options.batchSize ?? 500,
      idleMs: IDLE_FLUSH_MS,
      stopped: () => this.stopped,
      stallAfterMs: this.options.stallAfterMs,
      flush: (batch) => this.flush(batch),
      onTrouble: (message) => this.feedTroubled(message),
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.follower?.stop();
    this.follower = undefined;
  }

  /** A batch of the feed its host follows; what this projection already applied is skipped. */
  async consume(batch: SubscribedEvent[]): Promise<void> {
    if (this.stopped || batch.at(-1)!.position <= this.position) return;
    await this.flush(batch);
  }

  /** The feed (its own, or its host's) is failing or stalled (a message), or fine again (null). */
  feedTroubled(message: string | null): void {
    this.feedTrouble = message;
  }

  /** Drops the read model, its checkpoint and dead letters, then projects again from the first event. */
  async rebuild(): Promise<void> {
    await this.stop();
    await this.storage.reset();
    await this.start();
  }

  /** Read-your-writes: resolves once `position` is applied, or fails after `timeoutMs`. */
  waitFor(position: number | undefined, timeoutMs = 5_000): Promise<void> {
    return this.progress.waitFor(position, timeoutMs);
  }

  status(): ProjectionStatus {
    return {
      projection: this.projection.name,
      engine: this.storage.engine,
      position: this.position,
      state: this.stopped ? 'stopped' : this.failing || this.feedTrouble ? 'failing' : 'running',
      parked: this.parkedCount,
      parkedSinceStart: this.parkedSinceStart,
      lastError: this.feedTrouble ?? this.lastError,
    };
  }

  deadLetters(): Promise<DeadLetter[]> {
    return this.storage.deadLetters();
  }

  /**
   * Re-applies parked events with the code now running: pauses the feed, replays the store up to
   * the checkpoint for the parked events' documents only, writes them, and resumes. Events that
   * still fail stay parked (with the new error).
   */
  async retryParked(): Promise<{ retried: number; applied: number; stillParked: DeadLetter[] }> {
    const letters = await this.storage.deadLetters();
    if (!letters.length) return { retried: 0, applied: 0, stillParked: [] };
    const wasRunning = !this.stopped;
    await this.stop();
    try {
      const through = this.position;
      const keys = new Set(letters.flatMap((l) => l.keys));
      const state = new Map<string, Doc>();
      const touched = new Set<string>();
      const still: DeadLetter[] = [];
      const subscription = this.store.subscribeAll({ fromPosition: 0 });
      try {
        for await (const item of subscription) {
          if (item.position > through) break;
          if (this.categories.has(categoryOf(item.event.streamName))) {
            const fold = foldBatch(this.projection, [item], state, this.now(), keys);
            for (const [key, doc] of fold.docs) {
              touched.add(key);
              if (doc) state.set(key, doc);
              else state.delete(key);
            }
            still.push(...fold.parked.map((l) => ({ ...l, attempts: (letters.find((o) => o.eventId === l.eventId)?.attempts ?? 0) + 1 })));
          }
          if (item.position === through && item.lastInCommit) break;
        }
      } finally {
        await subscription.close();
      }
      const docs = new Map([...touched].map((key) => [key, state.get(key) ?? null] as const));
      const current = await this.storage.read([...docs.keys()]);
      const changes: DocumentChange<Doc>[] = [...docs].map(([id, doc]) => ({ id, storedPos: current.get(id)?._pos, doc }));
      await this.storage.commit(changes);
      await this.storage.unpark(letters);
      await this.storage.park(still);
      await this.storage.persist();
      this.parkedCount = still.length;
      const applied = letters.length - still.length;
      this.logger.log(`retry of ${letters.length} parked event(s): ${applied} applied, ${still.length} still parked`);
      return { retried: letters.length, applied, stillParked: still };
    } finally {
      if (wasRunning) await this.start();
    }
  }

  private now(): string {
    return new Date(this.options.clock?.() ?? Date.now()).toISOString();
  }

  private async flush(batch: SubscribedEvent[]): Promise<void> {
    const attempts = this.options.attempts ?? 4;
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.apply(batch, false);
        this.failing = false;
        return;
      } catch (error) {
        this.lastError = (error as Error).message;
        this.failing = true;
        if (error instanceof ConcurrentWriteError) continue;
        if (attempt + 1 >= attempts && (await this.storage.ping())) {
          // The store answers but keeps refusing this batch: find the documents it refuses.
          try {
            await this.apply(batch, true);
            this.failing = false;
            return;
          } catch (isolated) {
            this.lastError = (isolated as Error).message;
          }
        }
        const delay = Math.min(5_000, 100 * 2 ** Math.min(attempt, 10));
        this.logger.warn(`batch up to position ${batch.at(-1)!.position} failed (${this.lastError}); retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  private async apply(batch: SubscribedEvent[], isolate: boolean): Promise<void> {
    const last = batch.at(-1)!.position;
    const relevant = batch.filter((b) => b.position > this.position && this.categories.has(categoryOf(b.event.streamName)));
    let parked: DeadLetter[] = [];
    if (relevant.length) {
      const ids = new Set<string>();
      for (const { event } of relevant) {
        try {
          for (const key of this.projection.keysOf(event)) ids.add(key);
        } catch {
          // foldBatch parks it.
        }
      }
      const stored = await this.storage.read([...ids]);
      const fold = foldBatch(this.projection, relevant, stored, this.now());
      parked = fold.parked;
      const changes = [...fold.docs].map(([id, doc]) => ({ id, storedPos: stored.get(id)?._pos, doc }));
      if (!isolate) await this.storage.commit(changes);
      else parked.push(...(await this.commitOneByOne(changes, stored, fold.touchedBy)));
    }
    if (parked.length) await this.park(parked);
    await this.storage.commit([], last);
    this.progress.advance(last);
    this.options.onBatch?.(this.position, batch.length);
  }

  /** Writes each document alone; the ones refused get their events parked and a mark instead. */
  private async commitOneByOne(
    changes: DocumentChange<Doc>[],
    stored: Map<string, Doc>,
    touchedBy: Map<string, SubscribedEvent[]>,
  ): Promise<DeadLetter[]> {
    const parked: DeadLetter[] = [];
    for (const change of changes) {
      try {
        await this.storage.commit([change]);
      } catch (error) {
        if (error instanceof ConcurrentWriteError) throw error;
        const events = touchedBy.get(change.id) ?? [];
        parked.push(...events.map((e) => letterFor(this.projection.name, e, [change.id], `store refused the document: ${(error as Error).message}`, this.now())));
        const before = stored.get(change.id);
        if (before && events.length) {
          const mark = { ...before, _pos: events.at(-1)!.position, _parked: [...(before._parked ?? []), ...events.map((e) => e.position)] };
          await this.storage.commit([{ id: change.id, storedPos: before._pos, doc: mark }]).catch(() => undefined);
        }
      }
    }
    return parked;
  }

  private async park(letters: DeadLetter[]): Promise<void> {
    await this.storage.park(letters);
    this.parkedSinceStart += letters.length;
    this.parkedCount = (await this.storage.deadLetters()).length;
    for (const l of letters) {
      this.logger.error(`parked event ${l.eventType} ${l.eventId} at position ${l.position} (${l.streamName}): ${l.error}`);
    }
  }
}
