import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { instrumentEventStore, METRICS, type ServiceMetrics } from '#libs/metrics';
import { createEventStore, eventStoreConfig, type EventStoreConfig } from './create-event-store.js';
import type { EventStore } from './event-store.port.js';

export const EVENT_STORE = Symbol('EVENT_STORE');

@Injectable()
class EventStoreLifecycle implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}
  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}

/** Provides the configured event store (JetStream or EventStoreDB) as `EVENT_STORE`. */
@Module({})
export class EventStoreModule {
  static forRoot(config: EventStoreConfig): DynamicModule {
    return {
      module: EventStoreModule,
      global: true,
      providers: [
        {
          provide: EVENT_STORE,
          // Appends are timed and their conflicts counted when the service has metrics.
          useFactory: async (metrics?: ServiceMetrics) => {
            const store = await createEventStore(config);
            return metrics ? instrumentEventStore(store, metrics) : store;
          },
          inject: [{ token: METRICS, optional: true }],
        },
        EventStoreLifecycle,
      ],
      exports: [EVENT_STORE],
    };
  }

  /** The store the deployment's configuration names (EVENT_STORE_URL, NATS_URL, stream names). */
  static fromConfig(config: Parameters<typeof eventStoreConfig>[0]): DynamicModule {
    return EventStoreModule.forRoot(eventStoreConfig(config));
  }

  /** For tests: a store built elsewhere (in-memory, or a shared JetStream one). */
  static withStore(store: EventStore): DynamicModule {
    return { module: EventStoreModule, global: true, providers: [{ provide: EVENT_STORE, useValue: store }], exports: [EVENT_STORE] };
  }
}
