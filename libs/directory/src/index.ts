export * from './org-members.projection.js';
export * from './workspace-members.projection.js';
