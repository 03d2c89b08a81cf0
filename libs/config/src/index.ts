export * from './config.js';
export * from './secret-file.js';
