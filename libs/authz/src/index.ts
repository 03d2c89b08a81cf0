export * from './scopes.js';
export * from './roles.js';
export * from './policy.js';
export * from './attenuation.js';
export * from './principal-from-context.js';
export * from './key-format.js';
