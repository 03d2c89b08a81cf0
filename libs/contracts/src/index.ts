export * from './common/errors.js';
export * from './common/context.js';
export * from './subjects.js';
