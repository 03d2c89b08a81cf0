export * from './env.js';
export * from './eventually.js';
export * from './docker.js';
export * from './processes.js';
export * from './decider-spec.js';
