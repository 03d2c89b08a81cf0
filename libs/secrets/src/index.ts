export * from './errors.js';
export * from './master-key.js';
export * from './envelope.js';
export * from './data-key.decider.js';
export * from './key-ring.js';
export * from './mask.js';
