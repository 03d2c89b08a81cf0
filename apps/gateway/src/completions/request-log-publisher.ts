import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { PortcullisConfig } from '#libs/config';
import { ensureLogsStream, logSubject, type RequestLog } from '#libs/request-logs';
import { GATEWAY_CONFIG } from '../gateway.config.js';

const MAX_QUEUED = 50_000;
/** Records of calls that end together leave together: one flush, their acks awaited at once. */
const BATCH = 256;
const LINGER_MS = Number(process.env.PORTCULLIS_LOG_LINGER_MS ?? 2);

/**
 * Request logs leave off the response path: `publish` only queues. A drain loop sends each record
 * to JetStream with its id as the message id (a retried record is stored once) and retries with
 * backoff while NATS is away; a full queue drops its oldest record rather than hold a completion.
 */
@Injectable()
export class RequestLogPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('request-logs');
  private queue: RequestLog[] = [];
  private nc?: NatsConnection;
  private js?: JetStreamClient;
  private draining?: Promise<void>;
  private stopped = false;
  dropped = 0;

  constructor(@Inject(GATEWAY_CONFIG) private readonly config: PortcullisConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    this.nc = await connect({ servers: this.config.natsUrl, name: 'gateway-request-logs', maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    await ensureLogsStream(await jetstreamManager(this.nc), { stream: this.config.logsStream, subjectPrefix: this.config.logsSubjectPrefix });
    this.js = jetstream(this.nc);
  }

  async onApplicationShutdown(): Promise<void> {
    // Give queued records a moment to leave, then stop.
    if (this.draining) await Promise.race([this.draining, new Promise((r) => setTimeout(r, 2_000).unref())]);
    this.stopped = true;
    await this.nc?.drain().catch(() => undefined);
  }

  publish(record: RequestLog): void {
    if (this.queue.length >= MAX_QUEUED) {
      this.queue.shift();
      this.dropped++;
    }
    this.queue.push(record);
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  /**
   * Sends queued records in batches. It lingers a moment first, so the work of publishing starts
   * after the event loop has taken the requests that arrived meanwhile (a client's next call on a
   * kept-alive connection comes right after the last byte of the previous answer), and so calls
   * ending together share one flush.
   */
  private async drain(): Promise<void> {
    let failures = 0;
    if (LINGER_MS > 0) await new Promise((r) => setTimeout(r, LINGER_MS));
    while (this.queue.length && !this.stopped) {
      const batch = this.queue.slice(0, BATCH);
      try {
        const js = this.js;
        if (!js) throw new Error('not connected yet');
        const results = await Promise.allSettled(batch.map((record) => js.publish(logSubject(this.config.logsSubjectPrefix, record.workspaceId), JSON.stringify(record), { msgID: record.id, timeout: 5_000 })));
        const sent = new Set(batch.filter((_, i) => results[i]!.status === 'fulfilled'));
        // By identity: the queue may have moved meanwhile (new records, or the oldest dropped when full).
        this.queue = this.queue.filter((r) => !sent.has(r));
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
        failures = 0;
      } catch (error) {
        failures++;
        if (failures === 1) this.logger.warn(`publishing request logs failed (${(error as Error).message}); retrying`);
        await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** failures, 5_000)));
      }
    }
  }
}
