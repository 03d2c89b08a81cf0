export * from './service-metrics.js';
export * from './read-model-metrics.js';
export * from './instrument-event-store.js';
export * from './metrics.module.js';
