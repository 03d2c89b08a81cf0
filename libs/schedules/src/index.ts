export * from './calendar.js';
export * from './next-usage-reset.js';
export * from './next-rotation.js';
export * from './key-schedule.js';
export * from './api-key-facts.js';
export * from './sweeper.js';
export * from './due-sweeper.js';
export * from './workspace-schedule.js';
