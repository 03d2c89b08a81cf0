export * from './limits.port.js';
