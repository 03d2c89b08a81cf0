import type { ProviderEvents } from '#libs/contracts';
import type { Decider } from '#libs/event-store';
import { providerExists, providerNotFound } from './provider.errors.js';

export type ProviderEvent =
  | { type: 'ProviderCreated'; data: ProviderEvents.ProviderCreated }
  | { type: 'ProviderUpdated'; data: ProviderEvents.ProviderUpdated }
  | { type: 'ProviderDeleted'; data: ProviderEvents.ProviderDeleted };

export type ProviderCommand =
  | { type: 'CreateProvider'; provider: Omit<ProviderEvents.ProviderCreated, 'at'>; at: string }
  | { type: 'UpdateProvider'; providerId: string; changes: Record<string, unknown>; at: string }
  | { type: 'DeleteProvider'; providerId: string; reason: ProviderEvents.ProviderDeleted['reason']; at: string };

export interface ProviderState {
  provider: ProviderEvents.ProviderCreated | null;
  /** Current values of the updatable fields, wire-named. */
  fields: Record<string, unknown>;
  deleted: boolean;
}

const UPDATABLE = ['name', 'note', 'usage_limits', 'rate_limits', 'expires_at', 'model_config', 'reset_usage'];
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** A provider (or virtual key): a workspace's handle on an integration, with its limits. */
export const providerDecider: Decider<ProviderCommand, ProviderEvent, ProviderState> = {
  initialState: () => ({ provider: null, fields: {}, deleted: false }),

  decide(command, state) {
    if (command.type === 'CreateProvider') {
      if (state.provider) throw providerExists(command.provider.providerId);
      return [{ type: 'ProviderCreated', data: { ...command.provider, at: command.at } }];
    }
    const provider = state.provider;
    if (!provider || state.deleted) throw providerNotFound(command.providerId);
    const base = { providerId: provider.providerId, orgId: provider.orgId, workspaceId: provider.workspaceId, at: command.at };
    switch (command.type) {
      case 'UpdateProvider': {
        const changes = Object.fromEntries(UPDATABLE.filter((f) => f in command.changes && !same(command.changes[f], state.fields[f])).map((f) => [f, command.changes[f]]));
        return Object.keys(changes).length ? [{ type: 'ProviderUpdated', data: { ...base, changes } }] : [];
      }
      case 'DeleteProvider':
        return [{ type: 'ProviderDeleted', data: { ...base, slug: provider.slug, integrationId: provider.integrationId, kind: provider.kind, reason: command.reason } }];
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ProviderCreated': {
        const d = event.data;
        return {
          ...state,
          provider: d,
          fields: { name: d.name, note: d.note, usage_limits: d.usageLimits, rate_limits: d.rateLimits, expires_at: d.expiresAt, model_config: d.modelConfig, reset_usage: false },
        };
      }
      case 'ProviderUpdated':
        return { ...state, fields: { ...state.fields, ...event.data.changes } };
      case 'ProviderDeleted':
        return { ...state, deleted: true };
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};
