import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RequestContext } from '#libs/contracts';
import { ScheduleSweeper } from './sweeper.js';

const BATCH = 200;

/**
 * The shape every schedule sweeper of a service shares: every `intervalMs`, read the documents
 * whose schedule fell due (an ordered `byDue` index, never a scan), and act on each as the system
 * principal. One document's failure (deleted a moment ago) must not hold up the others, so it is
 * logged and retried on the next pass.
 */
export abstract class DueDocumentSweeper<Doc extends { _id: string }> implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweeper: ScheduleSweeper;
  protected readonly logger: Logger;

  protected constructor(
    name: string,
    intervalMs: number,
    private readonly clock: () => number,
  ) {
    this.logger = new Logger(name);
    this.sweeper = new ScheduleSweeper(name, intervalMs, () => this.sweep());
  }

  /** At most `limit` documents due at `now` (ISO time), most overdue first. */
  protected abstract due(now: string, limit: number): Promise<Doc[]>;

  /** Acts on one due document; deciders act only while the schedule is still pending. */
  protected abstract applyDue(doc: Doc, now: string, context: RequestContext): Promise<void>;

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
  }

  /** One pass now (or the one in progress); tests call it. */
  sweepNow(): Promise<void> {
    return this.sweeper.runOnce();
  }

  private async sweep(): Promise<void> {
    const now = new Date(this.clock()).toISOString();
    for (const doc of await this.due(now, BATCH)) {
      const context: RequestContext = { requestId: `schedule-${randomUUID()}`, correlationId: `schedule-${doc._id}`, principal: { kind: 'system' }, occurredAt: now };
      await this.applyDue(doc, now, context).catch((error: Error) => this.logger.warn(`${doc._id}: ${error.message}`));
    }
  }
}
