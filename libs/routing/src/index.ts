export * from './config-plan.js';
export * from './providers.js';
export * from './anthropic.js';
export * from './sse.js';
export * from './usage.js';
export * from './pricing.js';
export * from './cache-key.js';
export * from './plan-executor.js';
