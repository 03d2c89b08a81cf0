import { Logger } from '@nestjs/common';
import type { EventStore } from '#libs/event-store';
import type { ReadEngine } from './engine.js';
import type { ProjectedDocument, ProjectionDefinition } from './projection.js';
import { followFeed, type FeedFollower } from './follow-feed.js';
import { ProjectorRunner, type ProjectionStatus } from './projector-runner.js';
import type { ReadCollection } from './query/read-collection.js';
import type { DeadLetter } from './runner/dead-letter.js';

const SNAPSHOT_EVERY_MS = Number(process.env.PORTCULLIS_SNAPSHOT_EVERY_MS ?? 30_000);

const FEED_BATCH = 500;
const IDLE_FLUSH_MS = 5;

/**
 * Runs a service's projections on one engine and answers read-your-writes waits across them.
 * One subscription to the feed serves all of them (from the oldest checkpoint; each skips what it
 * already applied): a service with fifteen read models reads the store once, not fifteen times.
 */
export class ProjectionHost {
  readonly runners: ProjectorRunner[];
  private readonly logger = new Logger('read-models');
  private snapshotTimer?: NodeJS.Timeout;
  private follower?: FeedFollower;
  private feedStopped = true;

  constructor(
    private readonly store: EventStore,
    readonly engine: ReadEngine,
    projections: ProjectionDefinition<any>[],
    options: { clock?: () => number } = {},
  ) {
    this.runners = projections.map((p) => new ProjectorRunner<ProjectedDocument>(store, engine.storageFor(p), p, { clock: options.clock }));
  }

  async start(): Promise<void> {
    await Promise.all(this.runners.map((r) => r.start({ follow: false })));
    this.startFeed();
    if (this.engine.kind === 'memory' && !this.snapshotTimer) {
      this.snapshotTimer = setInterval(() => void this.persist(), SNAPSHOT_EVERY_MS);
      this.snapshotTimer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.snapshotTimer);
    this.snapshotTimer = undefined;
    await this.stopFeed();
    await Promise.all(this.runners.map((r) => r.stop()));
    await this.persist();
  }

  private startFeed(): void {
    if (!this.runners.length || !this.feedStopped) return;
    this.feedStopped = false;
    this.follower = followFeed({
      name: 'read-models',
      store: this.store,
      position: () => Math.min(...this.runners.map((r) => r.position)),
      batchSize: FEED_BATCH,
      idleMs: IDLE_FLUSH_MS,
      stopped: () => this.feedStopped,
      flush: async (batch) => {
        for (const runner of this.runners) await runner.consume(batch);
      },
      onTrouble: (message) => this.runners.forEach((r) => r.feedTroubled(message)),
    });
  }

  private async stopFeed(): Promise<void> {
    this.feedStopped = true;
    await this.follower?.stop();
    this.follower = undefined;
  }

  /** Snapshots every read model that changed (memory engine; a no-op on MongoDB). */
  async persist(): Promise<void> {
    for (const runner of this.runners) {
      await runner.storage.persist().catch((error) => this.logger.error(`snapshot of ${runner.projection.name} failed: ${(error as Error).message}`));
    }
  }

  async rebuild(): Promise<void> {
    await this.stopFeed();
    await Promise.all(this.runners.map((r) => r.rebuild()));
    this.startFeed();
  }

  /** Waits until every projection has applied `position` (bounded). */
  async waitFor(position: number | undefined, timeoutMs = 5_000): Promise<void> {
    if (!position) return;
    await Promise.all(this.runners.map((r) => r.waitFor(position, timeoutMs)));
  }

  /**
   * Waits until every projection has seen everything appended before this call: internal
   * clean-ups and authentication use it, since they carry no read-your-writes position.
   */
  async catchUp(timeoutMs = 5_000): Promise<void> {
    await this.waitFor(await this.store.headPosition(), timeoutMs);
  }

  /** The query side of the read model stored in `collection`. */
  collection<Doc extends ProjectedDocument>(collection: string): ReadCollection<Doc> {
    const runner = this.runners.find((r) => r.storage.collection && r.projection.collection === collection);
    if (!runner) throw new Error(`no read model in collection ${collection}`);
    return runner.storage.collection as unknown as ReadCollection<Doc>;
  }

  runner(name: string): ProjectorRunner {
    const runner = this.runners.find((r) => r.projection.name === name);
    if (!runner) throw new Error(`no projection named ${name}`);
    return runner;
  }

  status(): ProjectionStatus[] {
    return this.runners.map((r) => r.status());
  }

  async deadLetters(): Promise<DeadLetter[]> {
    return (await Promise.all(this.runners.map((r) => r.deadLetters()))).flat();
  }

  /** Re-applies parked events (see `ProjectorRunner.retryParked`) with the shared feed paused. */
  async retryParked() {
    const results = [];
    await this.stopFeed();
    try {
      for (const runner of this.runners) results.push({ projection: runner.projection.name, ...(await runner.retryParked()) });
    } finally {
      this.startFeed();
    }
    return results;
  }
}
