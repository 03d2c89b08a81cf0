// Decorator metadata (class-transformer, class-validator) needs the polyfill before any DTO loads.
import 'reflect-metadata';

export * from './common/errors.js';
export * from './common/context.js';
export * from './common/namespace.js';
export * from './common/paging.js';
export * from './common/limits.js';
export * from './common/metadata.js';
export * from './subjects.js';
export * from './identity/identity.subjects.js';
export * from './identity/identity.dto.js';
export type * from './identity/identity.views.js';
export type * as IdentityEvents from './identity/identity.events.js';
export * from './workspaces/workspaces.subjects.js';
export * from './workspaces/workspaces.dto.js';
export type * from './workspaces/workspaces.views.js';
export type * as WorkspaceEvents from './workspaces/workspaces.events.js';
export * from './keys/keys.subjects.js';
export * from './keys/keys.dto.js';
export type * from './keys/keys.views.js';
export type * as KeyEvents from './keys/keys.events.js';
export * from './audit/audit.dto.js';
