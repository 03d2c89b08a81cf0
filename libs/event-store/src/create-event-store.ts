import type { NatsConnection } from '@nats-io/transport-node';
import type { EventStore } from './event-store.port.js';
import { JetStreamEventStore, type JetStreamEventStoreOptions } from './jetstream/jetstream.event-store.js';
import { EventStoreDbEventStore } from './eventstoredb/esdb.event-store.js';

export interface EventStoreConfig {
  /** `EVENT_STORE_URL`: unset selects JetStream; `esdb://…` or `kurrentdb://…` selects EventStoreDB. */
  eventStoreUrl?: string;
  natsUrl?: string;
  connection?: NatsConnection;
  jetstream?: JetStreamEventStoreOptions;
}

/** The event-store part of the deployment's configuration. */
export function eventStoreConfig(config: { eventStoreUrl?: string; natsUrl: string; eventStream: string; eventSubjectPrefix: string }): EventStoreConfig {
  return {
    eventStoreUrl: config.eventStoreUrl,
    natsUrl: config.natsUrl,
    jetstream: { stream: config.eventStream, subjectPrefix: config.eventSubjectPrefix },
  };
}

/** Picks the backend from configuration, as every service does at start-up. */
export async function createEventStore(config: EventStoreConfig): Promise<EventStore> {
  const url = config.eventStoreUrl?.trim();
  if (url && /^(esdb|esdb\+discover|kurrentdb|kurrent)(\+discover)?:\/\//.test(url)) {
    return EventStoreDbEventStore.connect(url.replace(/^kurrent(db)?/, 'esdb'));
  }
  if (url) throw new Error(`EVENT_STORE_URL must start with esdb:// (got "${url}"); leave it unset for JetStream`);
  if (config.connection) return JetStreamEventStore.connect({ connection: config.connection }, config.jetstream);
  return JetStreamEventStore.connect({ servers: config.natsUrl ?? 'nats://127.0.0.1:4222' }, config.jetstream);
}
