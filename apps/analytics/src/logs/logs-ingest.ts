import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { join } from 'node:path';
import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { PortcullisConfig } from '#libs/config';
import { ensureLogsStream, logSubject, type RequestLog } from '#libs/request-logs';
import { LogStore } from './log-store.js';

export const ANALYTICS_CONFIG = Symbol('ANALYTICS_CONFIG');

/** Where a replica keeps its log file: `<data dir>/analytics/logs-<replica>.jsonl`. */
/** This analytics replica's name (`PORTCULLIS_ANALYTICS_REPLICA`): its log file and export files are its own. */
export const ANALYTICS_REPLICA = (process.env.PORTCULLIS_ANALYTICS_REPLICA ?? 'r0').replace(/[^A-Za-z0-9_-]/g, '_');

export const logFilePath = (dataDir: string, replica = ANALYTICS_REPLICA) =>
  join(dataDir, 'analytics', `logs-${replica}.jsonl`);

/**
 * Feeds this replica's log store from the `LOGS` stream: an ordered consumer that starts after the
 * store's checkpoint (the largest stream sequence in its file), so a restart — however abrupt —
 * resumes exactly where the file ends, and the store's id check drops any record seen twice.
 * Every replica keeps a full copy (no queue group on the stream).
 */
@Injectable()
export class LogsIngest implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('logs-ingest');
  readonly store: LogStore;
  private nc?: NatsConnection;
  private js?: JetStreamClient;
  private jsm?: JetStreamManager;
  private messages?: ConsumerMessages;
  private flushTimer?: NodeJS.Timeout;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];

  constructor(@Inject(ANALYTICS_CONFIG) private readonly config: PortcullisConfig) {
    this.store = new LogStore(logFilePath(config.dataDir));
  }

  async onApplicationBootstrap(): Promise<void> {
    const checkpoint = this.store.open();
    this.nc = await connect({ servers: this.config.natsUrl, name: 'analytics-logs', maxReconnectAttempts: -1 });
    this.jsm = await jetstreamManager(this.nc);
    await ensureLogsStream(this.jsm, { stream: this.config.logsStream, subjectPrefix: this.config.logsSubjectPrefix });
    this.js = jetstream(this.nc);
    const consumer = await this.js.consumers.get(
      this.config.logsStream,
      checkpoint > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: checkpoint + 1 } : { deliver_policy: DeliverPolicy.All },
    );
    this.messages = await consumer.consume();
    this.flushTimer = setInterval(() => this.store.flush(), 500);
    this.flushTimer.unref();
    void this.run(this.messages);
    this.logger.log(`log store ${this.store.path}: ${this.store.count} records, checkpoint ${checkpoint}`);
  }

  private async run(messages: ConsumerMessages): Promise<void> {
    try {
      for await (const m of messages) {
        let log: RequestLog | null = null;
        try {
          log = m.json<RequestLog>();
        } catch {
          this.logger.warn(`LOGS message ${m.seq} is not JSON; skipped`);
        }
        if (log && typeof log.id === 'string' && log.id) this.store.append(m.seq, log);
        this.applied(m.seq);
      }
    } catch (error) {
      this.logger.error(`LOGS consumer stopped: ${(error as Error).message}`);
    }
  }

  private applied(seq: number): void {
    if (!this.waiters.length) return;
    const due = this.waiters.filter((w) => w.seq <= seq);
    this.waiters = this.waiters.filter((w) => w.seq > seq);
    for (const w of due) w.resolve();
  }

  /** Resolves once the store has applied stream sequence `seq` (bounded). */
  async waitFor(seq: number, timeoutMs = 5_000): Promise<void> {
    if (this.store.checkpoint >= seq) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push({ seq, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  /** Waits until everything the stream holds now is applied (a miss may be a record still on its way). */
  async catchUp(timeoutMs = 2_000): Promise<void> {
    const info = await this.jsm!.streams.info(this.config.logsStream);
    await this.waitFor(info.state.last_seq, timeoutMs);
  }

  /** Publishes records to `LOGS` (message id = log id) and waits until this replica stored them. */
  async publish(logs: RequestLog[]): Promise<void> {
    let last = 0;
    for (const log of logs) {
      const ack = await this.js!.publish(logSubject(this.config.logsSubjectPrefix, log.workspaceId), JSON.stringify(log), { msgID: log.id });
      last = Math.max(last, ack.seq);
    }
    await this.waitFor(last);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.flushTimer);
    await this.messages?.close().catch(() => undefined);
    await this.nc?.drain().catch(() => undefined);
    this.store.flush();
    this.store.close();
  }
}
