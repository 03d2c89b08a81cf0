import { ns } from '../common/namespace.js';

/** Integrations, providers and virtual keys: all owned by the keys service. */
export const IntegrationsSubjects = {
  create: ns('keys.integration.create'),
  list: ns('keys.integrations.list'),
  get: ns('keys.integrations.get'),
  update: ns('keys.integration.update'),
  delete: ns('keys.integration.delete'),
  getModels: ns('keys.integrationModels.get'),
  updateModels: ns('keys.integration.updateModels'),
  deleteModels: ns('keys.integration.deleteModels'),
  getWorkspaces: ns('keys.integrationWorkspaces.get'),
  updateWorkspaces: ns('keys.integration.updateWorkspaces'),
} as const;

export const ProvidersSubjects = {
  create: ns('keys.provider.create'),
  list: ns('keys.providers.list'),
  get: ns('keys.providers.get'),
  update: ns('keys.provider.update'),
  delete: ns('keys.provider.delete'),
  /**
   * Internal, for the completions path: a provider's (or virtual key's) decrypted credentials.
   * Answered only to system callers; no HTTP route leads here.
   */
  resolveCredentials: ns('keys.providerCredentials.resolve'),
} as const;

export const VirtualKeysSubjects = {
  create: ns('keys.virtualKey.create'),
  list: ns('keys.virtualKeys.list'),
  get: ns('keys.virtualKeys.get'),
  update: ns('keys.virtualKey.update'),
  delete: ns('keys.virtualKey.delete'),
} as const;
