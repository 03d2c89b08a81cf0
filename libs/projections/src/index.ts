export * from './org-members.projection.js';
export * from './workspace-members.projection.js';
export * from './workspaces.projection.js';
export * from './invites.projection.js';
export * from './api-keys.projection.js';
export * from './key-digests.projection.js';
export * from './catalog.js';
export type * from './read-models.js';
