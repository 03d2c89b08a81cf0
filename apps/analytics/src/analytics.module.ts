import { Module, type DynamicModule } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import { EventStoreModule } from '#libs/event-store';
import { HealthModule, MessagingModule } from '#libs/messaging';
import { MetricsModule } from '#libs/metrics';
import { ReadModelsModule, readModelsOptions } from '#libs/read-models';
import { ANALYTICS_CONFIG, ANALYTICS_REPLICA, LogsIngest } from './logs/logs-ingest.js';
import { LogsMessageController } from './logs/logs.message.controller.js';
import { FeedbackHandlers } from './feedback/feedback.handlers.js';
import { FeedbackMessageController } from './feedback/feedback.message.controller.js';
import { ANALYTICS_READ_MODELS } from './read-models.js';
import { AnalyticsIngest } from './analytics-store/analytics-ingest.js';
import { createAnalyticsStore } from './analytics-store/analytics-store.factory.js';
import { AnalyticsStoreMessageController } from './analytics-store/analytics-store.message.controller.js';
import { ANALYTICS_FRESHNESS, ANALYTICS_STORE } from './analytics-store/analytics-store.tokens.js';
import { LogExportsHandlers } from './exports/log-exports.handlers.js';
import { LogExportsMessageController } from './exports/log-exports.message.controller.js';
import { AnalyticsMessageController } from './analytics-api/analytics.message.controller.js';

/** The analytics service: its message controllers, handlers and read models. */
@Module({})
export class AnalyticsModule {
  static forRoot(config: PortcullisConfig): DynamicModule {
    return {
      module: AnalyticsModule,
      imports: [
        HealthModule.forService('analytics'),
        MetricsModule.forService('analytics'),
        MessagingModule.forRoot({ natsUrl: config.natsUrl, name: 'analytics' }),
        EventStoreModule.fromConfig(config),
        ReadModelsModule.forRoot(readModelsOptions('analytics', config, ANALYTICS_READ_MODELS)),
      ],
      controllers: [LogsMessageController, FeedbackMessageController, LogExportsMessageController, AnalyticsStoreMessageController, AnalyticsMessageController],
      providers: [
        { provide: ANALYTICS_CONFIG, useValue: config },
        LogsIngest,
        FeedbackHandlers,
        LogExportsHandlers,
        // The analytics store (PORTCULLIS_ANALYTICS_ENGINE), fed and kept fresh by the ingest.
        { provide: ANALYTICS_STORE, useFactory: () => createAnalyticsStore(config, ANALYTICS_REPLICA) },
        AnalyticsIngest,
        { provide: ANALYTICS_FRESHNESS, useExisting: AnalyticsIngest },
      ],
    };
  }
}
