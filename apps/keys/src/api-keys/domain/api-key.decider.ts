import type { Decider } from '#libs/event-store';
import type { KeyEvents } from '#libs/contracts';
import { fieldsOf } from '#libs/projections';
import { apiKeyExists, apiKeyNotFound } from './api-key.errors.js';

export type ApiKeyEvent =
  | { type: 'ApiKeyCreated'; data: KeyEvents.ApiKeyCreated }
  | { type: 'ApiKeyUpdated'; data: KeyEvents.ApiKeyUpdated }
  | { type: 'ApiKeyRotated'; data: KeyEvents.ApiKeyRotated }
  | { type: 'ApiKeyDeleted'; data: KeyEvents.ApiKeyDeleted };

export type ApiKeyCommand =
  | { type: 'CreateApiKey'; key: Omit<KeyEvents.ApiKeyCreated, 'at'>; at: string }
  | { type: 'UpdateApiKey'; keyId: string; changes: Record<string, unknown>; at: string }
  | { type: 'RotateApiKey'; keyId: string; digest: string; masked: string; transitionMs: number; at: string }
  | { type: 'DeleteApiKey'; keyId: string; reason: KeyEvents.ApiKeyDeleted['reason']; at: string };

export interface ApiKeyState {
  key: KeyEvents.ApiKeyCreated | null;
  /** Current values of the updatable fields, wire-named. */
  fields: Record<string, unknown>;
  digest: string | null;
  masked: string | null;
  previousDigest: string | null;
  previousValidUntil: string | null;
  deleted: boolean;
  lastUpdatedAt: string | null;
}

const UPDATABLE = ['name', 'description', 'scopes', 'rate_limits', 'usage_limits', 'defaults', 'alert_emails', 'expires_at', 'rotation_policy', 'reset_usage'];

/** An API key's life: created, updated, rotated (the old secret lives on for a while), deleted. */
export const apiKeyDecider: Decider<ApiKeyCommand, ApiKeyEvent, ApiKeyState> = {
  initialState: () => ({ key: null, fields: {}, digest: null, masked: null, previousDigest: null, previousValidUntil: null, deleted: false, lastUpdatedAt: null }),

  decide(command, state) {
    if (command.type === 'CreateApiKey') {
      if (state.key) throw apiKeyExists(command.key.keyId);
      return [{ type: 'ApiKeyCreated', data: { ...command.key, at: command.at } }];
    }
    const key = state.key;
    if (!key || state.deleted) throw apiKeyNotFound(command.keyId);
    const base = { keyId: key.keyId, orgId: key.orgId, workspaceId: key.workspaceId, at: command.at };
    switch (command.type) {
      case 'UpdateApiKey': {
        const changes = Object.fromEntries(
          UPDATABLE.filter((f) => f in command.changes && JSON.stringify(command.changes[f]) !== JSON.stringify(state.fields[f])).map((f) => [f, command.changes[f]]),
        );
        return Object.keys(changes).length ? [{ type: 'ApiKeyUpdated', data: { ...base, changes } }] : [];
      }
      case 'RotateApiKey':
        return [
          {
            type: 'ApiKeyRotated',
            data: {
              ...base,
              digest: command.digest,
              masked: command.masked,
              previousDigest: state.digest!,
              previousValidUntil: new Date(Date.parse(command.at) + command.transitionMs).toISOString(),
            },
          },
        ];
      case 'DeleteApiKey': {
        const digests = [state.digest!, ...(state.previousDigest && state.previousValidUntil! > command.at ? [state.previousDigest] : [])];
        return [{ type: 'ApiKeyDeleted', data: { ...base, userId: key.userId, reason: command.reason, digests } }];
      }
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'ApiKeyCreated':
        return { ...state, key: event.data, fields: fieldsOf(event.data), digest: event.data.digest, masked: event.data.masked, lastUpdatedAt: event.data.at };
      case 'ApiKeyUpdated':
        return { ...state, fields: { ...state.fields, ...event.data.changes }, lastUpdatedAt: event.data.at };
      case 'ApiKeyRotated':
        return {
          ...state,
          digest: event.data.digest,
          masked: event.data.masked,
          previousDigest: event.data.previousDigest,
          previousValidUntil: event.data.previousValidUntil,
          lastUpdatedAt: event.data.at,
        };
      case 'ApiKeyDeleted':
        return { ...state, deleted: true, lastUpdatedAt: event.data.at };
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};
