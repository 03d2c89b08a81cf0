export * from './mongo-connection.js';
export * from './projection.js';
export * from './checkpoint.store.js';
export * from './projector-runner.js';
export * from './projection-host.js';
export * from './read-models.module.js';
export * from './position-waiters.js';
export * from './batched-feed.js';
