import { Logger } from '@nestjs/common';
import { DeliverPolicy, type ConsumerMessages, type JetStreamClient } from '@nats-io/jetstream';
import type { AnalyticsLog } from './analytics-store.port.js';
import { decodeLog } from './decode-log.js';

export interface LogsFeedOptions {
  js: JetStreamClient;
  stream: string;
  /** The last sequence applied: a (re)started consumer begins right after it. */
  from: () => number;
  /** A batch is applied when it holds this many records… */
  batchSize: number;
  /** …or when its first record has waited this long. */
  maxWaitMs: number;
  /** Applies a batch durably; `lastSeq` also covers skipped (undecodable) messages. */
  apply: (logs: AnalyticsLog[], lastSeq: number) => Promise<void>;
}

/**
 * Follows the `LOGS` stream with an ordered consumer, in batches (one store write per batch, not
 * per record). A consumer that fails is replaced from the last applied sequence, with backoff.
 * Single-threaded by construction: the wait for the next message races the batch's deadline, so
 * no timer ever writes concurrently with the reader.
 */
export class LogsFeed {
  private readonly logger = new Logger('analytics-logs-feed');
  private messages?: ConsumerMessages;
  private stopped = false;
  readonly done: Promise<void>;

  constructor(private readonly options: LogsFeedOptions) {
    this.done = this.follow();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.messages?.close().catch(() => undefined);
    await this.done;
  }

  private async follow(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        const from = this.options.from();
        const consumer = await this.options.js.consumers.get(
          this.options.stream,
          from > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from + 1 } : { deliver_policy: DeliverPolicy.All },
        );
        if (this.stopped) return;
        this.messages = await consumer.consume();
        if (await this.read(this.messages)) attempt = 0;
        if (!this.stopped) this.logger.warn(`LOGS consumer ended after sequence ${this.options.from()}: resubscribing`);
      } catch (error) {
        if (this.stopped) return;
        this.logger.error(`LOGS consumer failed after sequence ${this.options.from()} (${(error as Error).message}): resubscribing`);
      }
      if (!this.stopped) await new Promise((r) => setTimeout(r, Math.min(5_000, 100 * 2 ** Math.min(attempt, 6))));
    }
  }

  /** Reads until the consumer ends; true when it applied anything. */
  private async read(messages: ConsumerMessages): Promise<boolean> {
    const iterator = messages[Symbol.asyncIterator]();
    let batch: AnalyticsLog[] = [];
    let lastSeq = 0;
    let deadline = 0;
    let progressed = false;
    const flush = async () => {
      if (!lastSeq) return;
      await this.options.apply(batch, lastSeq);
      progressed = true;
      batch = [];
      lastSeq = 0;
    };
    let next = iterator.next();
    try {
      while (!this.stopped) {
        let timer: NodeJS.Timeout | undefined;
        const result = lastSeq
          ? await Promise.race([next, new Promise<'due'>((r) => (timer = setTimeout(() => r('due'), Math.max(0, deadline - Date.now()))))])
          : await next;
        clearTimeout(timer);
        if (result === 'due') {
          await flush();
          continue;
        }
        if (result.done) break;
        next = iterator.next();
        const m = result.value;
        if (!lastSeq) deadline = Date.now() + this.options.maxWaitMs;
        const log = decodeLog(m.seq, m.string());
        if (log) batch.push(log);
        else this.logger.warn(`LOGS message ${m.seq} is not a request log; skipped`);
        lastSeq = m.seq;
        if (batch.length >= this.options.batchSize) await flush();
      }
      // Stopping or ended: what was read is applied (the checkpoint moves with it).
      if (!this.stopped) await flush();
    } finally {
      await messages.close().catch(() => undefined);
    }
    return progressed;
  }
}
