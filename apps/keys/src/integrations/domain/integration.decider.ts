import type { ProviderEvents } from '#libs/contracts';
import type { Decider } from '#libs/event-store';
import { integrationExists, integrationNotFound, notAnOrganisationIntegration, tooManyModels } from './integration.errors.js';

type E = ProviderEvents.IntegrationCreated;

export type IntegrationEvent =
  | { type: 'IntegrationCreated'; data: E }
  | { type: 'IntegrationUpdated'; data: ProviderEvents.IntegrationUpdated }
  | { type: 'IntegrationModelsChanged'; data: ProviderEvents.IntegrationModelsChanged }
  | { type: 'IntegrationWorkspaceAccessChanged'; data: ProviderEvents.IntegrationWorkspaceAccessChanged }
  | { type: 'IntegrationDeleted'; data: ProviderEvents.IntegrationDeleted };

export type WorkspaceAccessEntry = ProviderEvents.WorkspaceAccess & { workspaceId: string };

export type IntegrationCommand =
  | { type: 'CreateIntegration'; integration: Omit<E, 'at'>; at: string }
  | { type: 'UpdateIntegration'; integrationId: string; changes: Record<string, unknown>; secrets?: ProviderEvents.IntegrationSecrets; at: string }
  | { type: 'UpsertModels'; integrationId: string; models: ProviderEvents.IntegrationModel[]; allowAllModels?: boolean; at: string }
  | { type: 'RemoveModels'; integrationId: string; slugs: string[]; at: string }
  | { type: 'SetWorkspaceAccess'; integrationId: string; global?: ProviderEvents.WorkspaceAccess; workspaces: WorkspaceAccessEntry[]; override: boolean; at: string }
  | { type: 'DeleteIntegration'; integrationId: string; reason: ProviderEvents.IntegrationDeleted['reason']; at: string };

export interface IntegrationState {
  integration: E | null;
  /** Current values of the updatable fields, wire-named. */
  fields: Record<string, unknown>;
  secrets: ProviderEvents.IntegrationSecrets;
  allowAllModels: boolean;
  models: ProviderEvents.IntegrationModel[];
  global: ProviderEvents.WorkspaceAccess | null;
  access: Record<string, ProviderEvents.WorkspaceAccess>;
  deleted: boolean;
}

export const MAX_MODELS = 1000;
const UPDATABLE = ['name', 'description', 'configurations', 'secret_mappings'];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const NO_SECRETS: ProviderEvents.IntegrationSecrets = { key: null, maskedKey: null, sealedConfigurations: {}, maskedConfigurations: {} };

/** Access of one workspace: its own entry, else the global setting, else none. */
export function accessOf(state: IntegrationState, workspaceId: string): ProviderEvents.WorkspaceAccess | null {
  return state.access[workspaceId] ?? state.global ?? null;
}

/**
 * An integration: an organisation's (or one workspace's) connection to an AI provider, with its
 * sealed credentials, its model list and which workspaces may use it.
 */
export const integrationDecider: Decider<IntegrationCommand, IntegrationEvent, IntegrationState> = {
  initialState: () => ({ integration: null, fields: {}, secrets: NO_SECRETS, allowAllModels: true, models: [], global: null, access: {}, deleted: false }),

  decide(command, state) {
    if (command.type === 'CreateIntegration') {
      if (state.integration) throw integrationExists(command.integration.integrationId);
      return [{ type: 'IntegrationCreated', data: { ...command.integration, at: command.at } }];
    }
    const integration = state.integration;
    if (!integration || state.deleted) throw integrationNotFound(command.integrationId);
    const base = { integrationId: integration.integrationId, orgId: integration.orgId, workspaceId: integration.workspaceId, at: command.at };
    switch (command.type) {
      case 'UpdateIntegration': {
        const changes = Object.fromEntries(UPDATABLE.filter((f) => f in command.changes && !same(command.changes[f], state.fields[f])).map((f) => [f, command.changes[f]]));
        const secrets = command.secrets && !same(command.secrets, state.secrets) ? command.secrets : undefined;
        if (!Object.keys(changes).length && !secrets) return [];
        return [{ type: 'IntegrationUpdated', data: { ...base, changes, ...(secrets ? { secrets } : {}) } }];
      }
      case 'UpsertModels': {
        const bySlug = new Map(state.models.map((m) => [m.slug, m]));
        for (const model of command.models) bySlug.set(model.slug, model);
        const models = [...bySlug.values()];
        if (models.length > MAX_MODELS) throw tooManyModels(MAX_MODELS);
        const allowAllModels = command.allowAllModels ?? state.allowAllModels;
        if (same(models, state.models) && allowAllModels === state.allowAllModels) return [];
        return [{ type: 'IntegrationModelsChanged', data: { ...base, allowAllModels, models } }];
      }
      case 'RemoveModels': {
        const models = state.models.filter((m) => !command.slugs.includes(m.slug));
        if (models.length === state.models.length) return [];
        return [{ type: 'IntegrationModelsChanged', data: { ...base, allowAllModels: state.allowAllModels, models } }];
      }
      case 'SetWorkspaceAccess': {
        if (integration.workspaceId || integration.private) throw notAnOrganisationIntegration(integration.slug);
        const listed = new Set(command.workspaces.map((w) => w.workspaceId));
        const removedWorkspaceIds = command.override ? Object.keys(state.access).filter((w) => !listed.has(w)) : [];
        const workspaces = command.workspaces.filter((w) => !same(state.access[w.workspaceId], { enabled: w.enabled, usage_limits: w.usage_limits, rate_limits: w.rate_limits }));
        const global = command.global && !same(command.global, state.global) ? command.global : undefined;
        if (!workspaces.length && !removedWorkspaceIds.length && !global) return [];
        const { workspaceId: _none, ...rest } = base;
        return [{ type: 'IntegrationWorkspaceAccessChanged', data: { ...rest, ...(global ? { global } : {}), workspaces, removedWorkspaceIds } }];
      }
      case 'DeleteIntegration':
        return [
          {
            type: 'IntegrationDeleted',
            data: { ...base, slug: integration.slug, private: integration.private, accessWorkspaceIds: Object.keys(state.access), reason: command.reason },
          },
        ];
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'IntegrationCreated': {
        const d = event.data;
        return {
          ...state,
          integration: d,
          fields: { name: d.name, description: d.description, configurations: d.configurations, secret_mappings: d.secretMappings },
          secrets: { key: d.key, maskedKey: d.maskedKey, sealedConfigurations: d.sealedConfigurations, maskedConfigurations: d.maskedConfigurations },
        };
      }
      case 'IntegrationUpdated':
        return { ...state, fields: { ...state.fields, ...event.data.changes }, ...(event.data.secrets ? { secrets: event.data.secrets } : {}) };
      case 'IntegrationModelsChanged':
        return { ...state, allowAllModels: event.data.allowAllModels, models: event.data.models };
      case 'IntegrationWorkspaceAccessChanged': {
        const access = { ...state.access };
        for (const w of event.data.removedWorkspaceIds) delete access[w];
        for (const { workspaceId, ...entry } of event.data.workspaces) access[workspaceId] = entry;
        return { ...state, access, ...(event.data.global ? { global: event.data.global } : {}) };
      }
      case 'IntegrationDeleted':
        return { ...state, deleted: true };
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};
