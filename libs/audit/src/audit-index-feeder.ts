import { Logger } from '@nestjs/common';
import { DomainError } from '#libs/contracts';
import type { EventStore, Subscription } from '#libs/event-store';
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
  private processed = 0;
  private stopped = true;
  private waiters: Array<{ position: number; resolve: () => void }> = [];

  constructor(
    private readonly store: EventStore,
    private readonly onProgress?: (position: number) => void,
  ) {}

  get position(): number {
    return this.processed;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.subscription = this.store.subscribeAll({ fromPosition: this.processed });
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

  async waitFor(position: number | undefined, timeoutMs = 5_000): Promise<void> {
    if (!position || this.processed >= position) return;
    await new Promise<void>((resolve, reject) => {
      const waiter = { position, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new DomainError('READ_MODEL.NOT_CAUGHT_UP', `the audit index has not reached position ${position} yet`, 503));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
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
      this.processed = position;
      if (++counter % 5_000 === 0) this.onProgress?.(position);
      if (this.waiters.length) {
        const ready = this.waiters.filter((w) => w.position <= position);
        this.waiters = this.waiters.filter((w) => w.position > position);
        ready.forEach((w) => w.resolve());
      }
    }
  }
}
