import { Inject, Injectable, Logger, Module, type DynamicModule, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { followFeed, PositionWaiters, type FeedFollower } from '#libs/read-models';
import { applyLimitEvent } from './catalog-events.js';
import { JetStreamLimits, type PolicyEntity } from './jetstream-limits.js';
import { USAGE_ALERT_SUBJECT, type UsageAlert } from './usage-alerts.js';
import { KvCounters } from './kv-counters.js';
import { LimitsCatalog } from './limits-catalog.js';
import { LIMITS, type Admission, type AdmissionRequest, type AdmissionTicket, type CallUsage, type LimitsPort } from './limits.port.js';

export interface LimitsModuleConfig {
  natsUrl: string;
  /** KV buckets of the rate-window counters and of the usage counters; every replica of one deployment must name the same ones. */
  limitsBucket?: string;
  usageBucket?: string;
  /** How long start-up waits for the catalog to reach the feed's head (default 30 s). */
  catchUpTimeoutMs?: number;
}

const LIMITS_CONFIG = Symbol('LIMITS_CONFIG');

/**
 * The gateway's LimitsPort: counters in a JetStream KV bucket, limits folded into memory from the
 * whole event feed (keys, workspaces, providers, policies) and kept current by following it.
 */
@Injectable()
export class LimitsService implements LimitsPort, OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('limits');
  readonly catalog = new LimitsCatalog();
  private nc?: NatsConnection;
  private port?: JetStreamLimits;
  private follower?: FeedFollower;
  private readonly progress = new PositionWaiters('limits catalog');
  private stopped = false;

  constructor(
    @Inject(LIMITS_CONFIG) private readonly config: LimitsModuleConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async onModuleInit(): Promise<void> {
    this.nc = await connect({ servers: this.config.natsUrl, name: 'gateway-limits' });
    const rates = await KvCounters.open(this.nc, this.config.limitsBucket ?? 'PORTCULLIS_LIMITS');
    const usage = await KvCounters.open(this.nc, this.config.usageBucket ?? 'PORTCULLIS_USAGE', 0);
    this.port = new JetStreamLimits(rates, this.catalog, usage, (alert) => this.sendAlert(alert));
    this.follower = followFeed({
      name: 'limits-catalog',
      store: this.store,
      position: () => this.progress.position,
      batchSize: 1,
      idleMs: 0,
      stopped: () => this.stopped,
      flush: async (batch) => {
        for (const { event, position } of batch) {
          try {
            applyLimitEvent(this.catalog, event, position);
          } catch (error) {
            this.logger.error(`limits: ${event.type} at ${position} not applied (${(error as Error).message})`);
          }
          this.progress.advance(position);
        }
      },
    });
    // Admit nothing with a half-built catalog: the limits in force when the gateway started apply
    // from its first request (bounded, so a huge feed still lets the gateway come up).
    const head = await this.store.headPosition();
    await this.progress.waitFor(head, this.config.catchUpTimeoutMs ?? 30_000).catch(() => this.logger.warn(`limits catalog has not reached position ${head} at start-up`));
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.follower?.stop();
    await this.nc?.drain().catch(() => undefined);
  }

  /** The feed position the catalog has applied (tests wait on it). */
  get appliedPosition(): number {
    return this.progress.position;
  }

  /** Resolves once every event up to `position` is in the catalog. */
  waitFor(position: number, timeoutMs = 2_000): Promise<void> {
    return this.progress.waitFor(position, timeoutMs);
  }

  /**
   * Usage alerts: a warning in the gateway's log and a message on `portcullis.alerts.usage-limits`
   * (no mail is sent here: a bridge to mail or a webhook subscribes to the subject).
   */
  private sendAlert(alert: UsageAlert): void {
    const what = alert.kind === 'threshold' ? `reached its alert threshold (${alert.alertThreshold})` : `is exhausted (${alert.creditLimit})`;
    this.logger.warn(`usage limit of ${alert.source}${alert.valueKey !== null ? ` for "${alert.valueKey}"` : ''} ${what}: ${alert.currentUsage} ${alert.type === 'cost' ? 'USD' : 'tokens'} used`);
    this.nc?.publish(USAGE_ALERT_SUBJECT, JSON.stringify({ ...alert, at: new Date().toISOString() }));
  }

  /** A usage-limits policy's entities with their usage now (null: the catalog does not know the policy, e.g. archived). */
  async entities(policyId: string, now = Date.now()): Promise<PolicyEntity[] | null> {
    const policy = this.catalog.policies.get(policyId);
    return policy ? this.port!.entities(policy, now) : null;
  }

  admit(request: AdmissionRequest): Promise<Admission> {
    return this.port!.admit(request);
  }

  settle(ticket: AdmissionTicket, usage: CallUsage): Promise<void> {
    return this.port!.settle(ticket, usage);
  }
}

@Module({})
export class LimitsModule {
  /** Provides `LIMITS` (and `LimitsService`); needs the global EVENT_STORE (EventStoreModule). */
  static forRoot(config: LimitsModuleConfig): DynamicModule {
    return {
      module: LimitsModule,
      global: true,
      providers: [{ provide: LIMITS_CONFIG, useValue: config }, LimitsService, { provide: LIMITS, useExisting: LimitsService }],
      exports: [LIMITS, LimitsService],
    };
  }
}
