import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HealthProbes } from '#libs/messaging';
import { METRICS, registerReadModelMetrics, type ServiceMetrics } from '#libs/metrics';
import type { Connection } from 'mongoose';
import { AuditIndexFeeder, AuditProjector, pruneAuditLog } from '#libs/audit';
import { loadOrCreateSecret, type PortcullisConfig } from '#libs/config';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { MONGO_CONNECTION, resolveEngine, serverKind } from '#libs/read-models';
import { join } from 'node:path';

export const AUDIT_CONFIG = Symbol('AUDIT_CONFIG');
const RETENTION_EVERY_MS = 60 * 60_000;

/**
 * Runs the audit projector (caught up before the service answers, like every read model) and,
 * when a retention period is configured, archives and prunes expired records every hour.
 */
@Injectable()
export class AuditProjectorLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly projector: AuditProjector;
  /** Set when queries run on the in-memory index (FerretDB has no usable indexes). */
  feeder?: AuditIndexFeeder;
  private readonly logger = new Logger('audit');
  private retentionTimer?: NodeJS.Timeout;
  private caughtUp = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MONGO_CONNECTION) private readonly db: Connection,
    @Inject(AUDIT_CONFIG) private readonly config: PortcullisConfig,
    @Optional() probes?: HealthProbes,
    @Optional() @Inject(METRICS) metrics?: ServiceMetrics,
  ) {
    this.projector = new AuditProjector(store, db);
    if (metrics) {
      registerReadModelMetrics(metrics.registry, {
        projectionLag: async () => [{ projection: 'audit-projector', lag: Math.max(0, (await store.headPosition()) - this.projector.position) }],
        auditChainLengths: async () => this.projector.chainLengths(),
      });
    }
    probes?.register({
      name: 'auditLog',
      check: () => ({
        degraded: !this.caughtUp || this.projector.lastError !== null,
        details: { caughtUp: this.caughtUp, position: this.projector.position, index: this.feeder ? { position: this.feeder.position, records: this.feeder.index.size } : null, lastError: this.projector.lastError },
      }),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (await this.useMemoryIndex()) {
      this.feeder = new AuditIndexFeeder(this.store, (position) => this.logger.log(`audit index: position ${position}, ${this.feeder!.index.size} records`));
      this.feeder.start();
    }
    await this.projector.start();
    // Bounded, like every read model: past the bound the service listens and reports itself degraded.
    try {
      await this.catchUp(this.config.startupCatchUpMs);
      this.caughtUp = true;
    } catch {
      this.logger.warn(`audit log still catching up after ${this.config.startupCatchUpMs} ms: listening anyway (see /v1/health)`);
      void this.catchUp(24 * 3_600_000).then(() => (this.caughtUp = true), () => undefined);
    }
    if (this.feeder) this.logger.log(`queries use the in-memory audit index (${this.feeder.index.size} records)`);
    if (this.config.auditRetentionDays) {
      await this.applyRetention();
      this.retentionTimer = setInterval(() => void this.applyRetention(), RETENTION_EVERY_MS);
      this.retentionTimer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.retentionTimer);
    await this.feeder?.stop();
    await this.projector.stop();
  }

  /** Waits until the audit log (and its index) holds everything appended before this call. */
  async catchUp(timeoutMs = 5_000): Promise<void> {
    const head = await this.store.headPosition();
    await Promise.all([this.projector.waitFor(head, timeoutMs), this.feeder?.waitFor(head, timeoutMs)]);
  }

  /** The query engine every service uses (`PORTCULLIS_QUERY_ENGINE`): memory unless on a real MongoDB. */
  private async useMemoryIndex(): Promise<boolean> {
    return resolveEngine(this.config.queryEngine, await serverKind(this.db)) === 'memory';
  }

  async applyRetention(): Promise<void> {
    const cutoff = new Date(this.config.clock() - this.config.auditRetentionDays! * 86_400_000).toISOString();
    try {
      const report = await pruneAuditLog(this.db, {
        cutoff,
        archiveDir: join(this.config.dataDir, 'audit-archive'),
        signingKey: loadOrCreateSecret(this.config.dataDir, 'audit-signing-key', this.config.auditSigningKey),
      });
      if (report.archived) this.logger.log(`retention: archived and pruned ${report.archived} record(s) before ${cutoff}`);
    } catch (error) {
      this.logger.error(`retention failed: ${(error as Error).message}`);
    }
  }
}
