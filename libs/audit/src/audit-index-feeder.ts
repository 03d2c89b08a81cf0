import { Logger } from '@nestjs/common';
import type { EventStore, Subscription } from '#libs/event-store';
import { PositionWaiters } from '#libs/read-models';
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
  private subscription?: Subscription;
  private loop?: Promise<void>;
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
    this.subscription = this.store.subscribeAll({ fromPosition: this.position });
    this.loop = this.follow(this.subscription).catch((error) => {
      if (!this.stopped) this.logger.error(`stopped: ${(error as Error).stack}`);
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
  }

  waitFor(position: number | undefined, timeoutMs = 5_000): Promise<void> {
    return this.progress.waitFor(position, timeoutMs);
  }

  private async follow(subscription: Subscription): Promise<void> {
    let counter = 0;
    for await (const { event, position, lastInCommit } of subscription) {
      const draft = recordFromEvent(event, position);
      if (draft && !this.index.has(draft._id)) {
        const record = link(draft, this.heads.get(draft.org_key));
        this.heads.set(record.org_key, { seq: record.seq, hash: record.hash });
        this.index.add(record);
      }
      if (!lastInCommit) continue;
      this.progress.advance(position);
      if (++counter % 5_000 === 0) this.onProgress?.(position);
    }
  }
}
