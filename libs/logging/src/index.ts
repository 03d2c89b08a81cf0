export * from './log-context.js';
export * from './pino-logger.js';
export * from './rpc-log-context.interceptor.js';
