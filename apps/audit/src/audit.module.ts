import { Module, type DynamicModule } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import { EventStoreModule } from '#libs/event-store';
import { HealthModule, MessagingModule } from '#libs/messaging';
import { MetricsModule } from '#libs/metrics';
import { ReadModelsModule, readModelsOptions } from '#libs/read-models';
import { AUDIT_CONFIG, AuditProjectorLifecycle } from './audit-logs/audit-projector.lifecycle.js';
import { AuditLogsMessageController } from './audit-logs/audit-logs.message.controller.js';
import { ListAuditLogsHandler } from './audit-logs/list-audit-logs.handler.js';

/** The audit service: the hash-chained audit log, built from the event feed, and its query. */
@Module({})
export class AuditModule {
  static forRoot(config: PortcullisConfig): DynamicModule {
    return {
      module: AuditModule,
      imports: [
        HealthModule.forService('audit'),
        MetricsModule.forService('audit'),
        MessagingModule.forRoot({ natsUrl: config.natsUrl, name: 'audit' }),
        EventStoreModule.fromConfig(config),
        ReadModelsModule.forRoot(readModelsOptions('audit', config, [])),
      ],
      controllers: [AuditLogsMessageController],
      providers: [{ provide: AUDIT_CONFIG, useValue: config }, AuditProjectorLifecycle, ListAuditLogsHandler],
    };
  }
}
