export * from './event-store.port.js';
export * from './errors.js';
export * from './stream-name.js';
export * from './expected-revision.js';
export { InMemoryEventStore } from './in-memory/in-memory.event-store.js';
export { JetStreamEventStore, type JetStreamEventStoreOptions } from './jetstream/jetstream.event-store.js';
export { EventStoreDbEventStore } from './eventstoredb/esdb.event-store.js';
export { createEventStore, type EventStoreConfig } from './create-event-store.js';
export * from './command-handler.js';
