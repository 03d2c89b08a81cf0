export * from './request-log.js';
export * from './logs-stream.js';
