export * from './org-members.projection.js';
export * from './workspace-members.projection.js';
export * from './workspaces.projection.js';
