import { Inject, Injectable, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { createEventStore, type EventStoreConfig } from './create-event-store.js';
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
      providers: [{ provide: EVENT_STORE, useFactory: () => createEventStore(config) }, EventStoreLifecycle],
      exports: [EVENT_STORE],
    };
  }

  /** For tests: a store built elsewhere (in-memory, or a shared JetStream one). */
  static withStore(store: EventStore): DynamicModule {
    return { module: EventStoreModule, global: true, providers: [{ provide: EVENT_STORE, useValue: store }], exports: [EVENT_STORE] };
  }
}
