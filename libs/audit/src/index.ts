export * from './audit-record.js';
export * from './chain.js';
export * from './record-from-event.js';
export * from './audit-projector.js';
export * from './verify.js';
export * from './retention.js';
export * from './query.js';
