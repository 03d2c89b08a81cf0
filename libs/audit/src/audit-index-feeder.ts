import { Logger } from '@nestjs/common';
import type { EventStore, SubscribedEvent } from '#libs/event-store';
import { followFeed, PositionWaiters, type FeedFollower } from '#libs/read-models';
import { AuditIndex } from './audit-index.js';
import { link, type ChainHead } from './chain.js';
import { recordFromEvent } from './record-from-event.js';

/**
 * Builds the in-memory audit index straight from the event feed, with the same derivation and
 * chaining as the projector (so the same records, sequence numbers and hashes), then follows live.
 */
export class AuditIndexFeeder {
  readonly index = new AuditIndex();
  private readonly logger = new Logger('audit-index');
  private readonly heads = new Map<string, ChainHead>();
  private follower?: FeedFollower;
  private commits = 0;
  private stopped = true;
  private readonly progress = new PositionWaiters('the audit index');

  constructor(
    private readonly store: EventStore,
    private readonly onProgress?: (position: number) => void,
  ) {}

  get position(): number {
    return this.progress.position;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.follower = followFeed({
      name: 'audit-index',
      store: this.store,
      position: () => this.position,
      batchSize: 500,
      idleMs: 2,
      stopped: () => this.stopped,
      flush: async (batch) => this.apply(batch),
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.follower?.stop();
  }

  waitFor(position: number | undefined, timeoutMs = 5_000): Promise<void> {
    return this.progress.waitFor(position, timeoutMs);
  }

  private apply(batch: SubscribedEvent[]): void {
    for (const { event, position, lastInCommit } of batch) {
      if (position <= this.position) continue;
      const draft = recordFromEvent(event, position);
      if (draft && !this.index.has(draft._id)) {
        const record = link(draft, this.heads.get(draft.org_key));
        this.heads.set(record.org_key, { seq: record.seq, hash: record.hash });
        this.index.add(record);
      }
      if (!lastInCommit) continue;
      if (++this.commits % 5_000 === 0) this.onProgress?.(position);
    }
    // Batches end at the end of an append: every event of the last position is in.
    this.progress.advance(batch.at(-1)!.position);
  }
}
