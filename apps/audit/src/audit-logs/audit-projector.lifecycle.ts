import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { AuditProjector, pruneAuditLog } from '#libs/audit';
import { loadOrCreateSecret, type PortcullisConfig } from '#libs/config';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { MONGO_CONNECTION } from '#libs/read-models';
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
  private readonly logger = new Logger('audit');
  private retentionTimer?: NodeJS.Timeout;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(MONGO_CONNECTION) private readonly db: Connection,
    @Inject(AUDIT_CONFIG) private readonly config: PortcullisConfig,
  ) {
    this.projector = new AuditProjector(store, db);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.start();
    await this.catchUp(15 * 60_000);
    if (this.config.auditRetentionDays) {
      await this.applyRetention();
      this.retentionTimer = setInterval(() => void this.applyRetention(), RETENTION_EVERY_MS);
      this.retentionTimer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.retentionTimer);
    await this.projector.stop();
  }

  /** Waits until the audit log holds everything appended before this call. */
  async catchUp(timeoutMs = 5_000): Promise<void> {
    await this.projector.waitFor(await this.store.headPosition(), timeoutMs);
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
