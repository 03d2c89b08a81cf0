import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { PortcullisConfig } from '#libs/config';
import { DomainError, type AnalyticsStoreStatus } from '#libs/contracts';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { PositionWaiters } from '#libs/read-models';
import { ensureLogsStream } from '#libs/request-logs';
import { ANALYTICS_CONFIG, ANALYTICS_REPLICA } from '../logs/logs-ingest.js';
import type { AnalyticsFeedback, AnalyticsLog, AnalyticsStore } from './analytics-store.port.js';
import { ANALYTICS_STORE, type AnalyticsFreshness } from './analytics-store.tokens.js';
import { FeedbackFeed } from './feedback-feed.js';
import { LogsFeed } from './logs-feed.js';
import { streamLagMs } from './stream-lag.js';
import { retrying } from './retrying.js';

/** A feed position without feedback is written at most this often (a restart re-reads the rest). */
const IDLE_POSITION_EVERY_MS = 5_000;

/**
 * Feeds the analytics store from `LOGS` (request logs) and the event feed (feedback), each from the
 * store's own checkpoint: whatever killed the process, a restart resumes after the last batch the
 * store committed, and the store skips a log id it already holds, so every log counts once.
 * Also the store's freshness (`ANALYTICS_FRESHNESS`) and its rebuild.
 */
@Injectable()
export class AnalyticsIngest implements AnalyticsFreshness, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('analytics-ingest');
  private nc?: NatsConnection;
  private jsm?: JetStreamManager;
  private logsFeed?: LogsFeed;
  private feedbackFeed?: FeedbackFeed;
  private readonly logs = new PositionWaiters('the analytics store (LOGS)');
  private readonly feedback = new PositionWaiters('the analytics store (feedback)');
  private feedbackSavedAt = 0;
  private state: AnalyticsStoreStatus['state'] = 'ready';
  private targets: { logs: number; feedback: number } | null = null;
  private rebuildStartedAt: number | null = null;
  private rebuildFinishedAt: number | null = null;
  private error: string | null = null;
  private rebuilding?: Promise<void>;
  /** Bumped when the feeds stop: a write still retrying for stopped feeds gives up. */
  private generation = 0;
  private shuttingDown = false;

  constructor(
    @Inject(ANALYTICS_CONFIG) private readonly config: PortcullisConfig,
    @Inject(ANALYTICS_STORE) private readonly store: AnalyticsStore,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.store.open();
    this.nc = await connect({ servers: this.config.natsUrl, name: 'analytics-store-ingest', maxReconnectAttempts: -1 });
    this.jsm = await jetstreamManager(this.nc);
    await ensureLogsStream(this.jsm, { stream: this.config.logsStream, subjectPrefix: this.config.logsSubjectPrefix });
    this.logs.reset(await this.store.checkpoint());
    this.feedback.reset(await this.store.feedbackPosition());
    this.start();
    this.logger.log(`analytics store ${this.store.name}: LOGS checkpoint ${this.logs.position}, feedback position ${this.feedback.position}`);
  }

  async onApplicationShutdown(): Promise<void> {
    // A rebuild cut short resumes as plain ingestion at the next start (from the store's checkpoint).
    this.shuttingDown = true;
    this.logs.releaseAll();
    this.feedback.releaseAll();
    await this.rebuilding;
    await this.stopFeeds();
    await this.nc?.drain().catch(() => undefined);
    await this.store.close();
  }

  /** Waits (bounded) for what `LOGS` and the event feed hold now; refuses while a rebuild runs. */
  async catchUp(timeoutMs = 2_000): Promise<void> {
    this.assertServing();
    const [info, head] = await Promise.all([this.jsm!.streams.info(this.config.logsStream), this.events.headPosition()]);
    // Bounded: past it, the answer goes out with its lag reported rather than not at all.
    await Promise.all([this.logs.waitFor(info.state.last_seq, timeoutMs), this.feedback.waitFor(head, timeoutMs)]).catch(() => undefined);
    this.assertServing();
  }

  async lagMs(): Promise<number> {
    return streamLagMs(this.jsm!, this.config.logsStream, this.logs.position, () => this.store.newestAt());
  }

  status(): AnalyticsStoreStatus {
    return {
      engine: this.store.name,
      replica: ANALYTICS_REPLICA,
      state: this.state,
      logs: { applied: this.logs.position, target: this.targets?.logs ?? null },
      feedback: { position: this.feedback.position, target: this.targets?.feedback ?? null },
      rebuildStartedAt: this.rebuildStartedAt,
      rebuildFinishedAt: this.rebuildFinishedAt,
      error: this.error,
    };
  }

  /**
   * Drops the store and ingests everything again. Until it has reached what `LOGS` and the feed
   * held when it began, `catchUp` refuses (503): no half-built answer goes out as a whole one.
   */
  rebuild(): AnalyticsStoreStatus {
    if (this.state !== 'rebuilding') {
      this.state = 'rebuilding';
      this.rebuildStartedAt = Date.now();
      this.rebuildFinishedAt = null;
      this.error = null;
      this.targets = null;
      this.rebuilding = this.runRebuild().catch((error: Error) => {
        this.state = 'failed';
        this.error = error.message;
        this.logger.error(`rebuild failed: ${error.message}`);
      });
    }
    return this.status();
  }

  private async runRebuild(): Promise<void> {
    await this.stopFeeds();
    const [info, head] = await Promise.all([this.jsm!.streams.info(this.config.logsStream), this.events.headPosition()]);
    this.targets = { logs: info.state.last_seq, feedback: head };
    await this.store.clear();
    this.logs.reset(0);
    this.feedback.reset(0);
    this.logger.log(`rebuilding the analytics store up to LOGS sequence ${info.state.last_seq} and feed position ${head}`);
    this.start();
    if (this.shuttingDown) throw new Error('the service stopped during the rebuild');
    await Promise.all([this.logs.waitFor(this.targets.logs, 24 * 3_600_000), this.feedback.waitFor(this.targets.feedback, 24 * 3_600_000)]);
    if (this.shuttingDown) throw new Error('the service stopped during the rebuild');
    this.state = 'ready';
    this.rebuildFinishedAt = Date.now();
    this.logger.log(`analytics store rebuilt in ${this.rebuildFinishedAt - this.rebuildStartedAt!} ms`);
  }

  private assertServing(): void {
    if (this.state === 'ready') return;
    const s = this.status();
    throw new DomainError(
      'ANALYTICS.STORE_REBUILDING',
      this.state === 'failed'
        ? `the analytics store rebuild failed (${s.error}); run portcullis analytics rebuild again`
        : `the analytics store is being rebuilt (${s.logs.applied} of ${s.logs.target ?? '?'} logs); try again shortly`,
      503,
      { state: s.state, logs: s.logs },
    );
  }

  private start(): void {
    if (this.shuttingDown) return;
    const generation = this.generation;
    const stopped = () => generation !== this.generation;
    this.logsFeed = new LogsFeed({
      js: jetstream(this.nc!),
      stream: this.config.logsStream,
      from: () => this.logs.position,
      batchSize: 1_000,
      maxWaitMs: 200,
      apply: (logs, lastSeq) => this.applyLogs(logs, lastSeq, stopped),
    });
    this.feedbackFeed = new FeedbackFeed({
      events: this.events,
      from: () => this.feedback.position,
      apply: (feedback, position) => this.applyFeedback(feedback, position, stopped),
    });
  }

  private async stopFeeds(): Promise<void> {
    this.generation++;
    const logs = this.logsFeed;
    const feedback = this.feedbackFeed;
    this.logsFeed = undefined;
    this.feedbackFeed = undefined;
    await Promise.all([logs?.stop(), feedback?.stop()]);
  }

  private async applyLogs(logs: AnalyticsLog[], lastSeq: number, stopped: () => boolean): Promise<void> {
    if (logs.length) await retrying('LOGS batch', () => this.store.ingestLogs(logs), stopped, this.logger);
    this.logs.advance(lastSeq);
  }

  private async applyFeedback(feedback: AnalyticsFeedback[], position: number, stopped: () => boolean): Promise<void> {
    // Most of the feed is not feedback: its position is kept in memory and written now and then.
    if (feedback.length || Date.now() - this.feedbackSavedAt >= IDLE_POSITION_EVERY_MS) {
      await retrying('feedback batch', () => this.store.upsertFeedback(feedback, position), stopped, this.logger);
      this.feedbackSavedAt = Date.now();
    }
    this.feedback.advance(position);
  }
}
