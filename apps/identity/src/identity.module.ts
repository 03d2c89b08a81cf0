import { Module, type DynamicModule } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import { EventStoreModule } from '#libs/event-store';
import { HealthModule, MessagingModule } from '#libs/messaging';
import { ReadModelsModule } from '#libs/read-models';

/** The identity service: its message controllers, handlers and read models. */
@Module({})
export class IdentityModule {
  static forRoot(config: PortcullisConfig): DynamicModule {
    return {
      module: IdentityModule,
      imports: [
        HealthModule.forService('identity'),
        MessagingModule.forRoot({ natsUrl: config.natsUrl, name: 'identity' }),
        EventStoreModule.forRoot({
          eventStoreUrl: config.eventStoreUrl,
          natsUrl: config.natsUrl,
          jetstream: { stream: config.eventStream, subjectPrefix: config.eventSubjectPrefix },
        }),
        ReadModelsModule.forRoot({ mongoUrl: config.mongoUrl, dbName: `${config.dbPrefix}identity`, projections: [] }),
      ],
    };
  }
}
