export * from './limits.port.js';
export * from './limit-rules.js';
export * from './limits-catalog.js';
export * from './catalog-events.js';
export * from './kv-counters.js';
export * from './jetstream-limits.js';
export * from './limits.module.js';
export * from './usage-alerts.js';
