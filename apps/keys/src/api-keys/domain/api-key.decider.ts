import type { Decider } from '#libs/event-store';
import type { KeyEvents } from '#libs/contracts';
import { fieldsOf } from '#libs/projections';
import { EMPTY_SCHEDULE, evolveApiKeySchedule, type LimitSchedule } from '#libs/schedules';
import { apiKeyExists, apiKeyNotFound } from './api-key.errors.js';

export type ApiKeyEvent =
  | { type: 'ApiKeyCreated'; data: KeyEvents.ApiKeyCreated }
  | { type: 'ApiKeyUpdated'; data: KeyEvents.ApiKeyUpdated }
  | { type: 'ApiKeyRotated'; data: KeyEvents.ApiKeyRotated }
  | { type: 'ApiKeyDeleted'; data: KeyEvents.ApiKeyDeleted }
  | { type: 'ApiKeyUsageReset'; data: KeyEvents.ApiKeyUsageReset };

export type ApiKeyCommand =
  | { type: 'CreateApiKey'; key: Omit<KeyEvents.ApiKeyCreated, 'at'>; at: string }
  /** `changes.reset_usage: true` is a trigger: it resets usage and is not stored. */
  | { type: 'UpdateApiKey'; keyId: string; changes: Record<string, unknown>; at: string }
  | { type: 'RotateApiKey'; keyId: string; digest: string; masked: string; transitionMs: number; at: string }
  /** The sweeper's: rotate only if `due` is still the key's pending rotation (replicas race). */
  | { type: 'RotateApiKeyOnSchedule'; keyId: string; due: string; digest: string; masked: string; transitionMs: number; at: string }
  | { type: 'ResetUsageOnSchedule'; keyId: string; due: string; at: string }
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
  /** Derived: pending rotation and usage reset, last ones done. */
  schedule: LimitSchedule;
}

const UPDATABLE = ['name', 'description', 'scopes', 'rate_limits', 'usage_limits', 'defaults', 'alert_emails', 'expires_at', 'rotation_policy'];

/** An API key's life: created, updated, rotated (the old secret lives on for a while), deleted. */
export const apiKeyDecider: Decider<ApiKeyCommand, ApiKeyEvent, ApiKeyState> = {
  initialState: () => ({
    key: null,
    fields: {},
    digest: null,
    masked: null,
    previousDigest: null,
    previousValidUntil: null,
    deleted: false,
    lastUpdatedAt: null,
    schedule: EMPTY_SCHEDULE,
  }),

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
        const events: ApiKeyEvent[] = Object.keys(changes).length ? [{ type: 'ApiKeyUpdated', data: { ...base, changes } }] : [];
        if (command.changes.reset_usage === true) events.push({ type: 'ApiKeyUsageReset', data: { ...base, reason: 'requested', due: null } });
        return events;
      }
      case 'RotateApiKey':
        return [rotated(state, base, command, 'on_demand')];
      case 'RotateApiKeyOnSchedule':
        return state.schedule.nextRotationAt === command.due ? [rotated(state, base, command, 'scheduled')] : [];
      case 'ResetUsageOnSchedule':
        return state.schedule.nextUsageResetAt === command.due ? [{ type: 'ApiKeyUsageReset', data: { ...base, reason: 'periodic', due: command.due } }] : [];
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
    const next = evolveFields(state, event);
    return { ...next, schedule: evolveApiKeySchedule(state.schedule, event, next.fields) };
  },
};

function rotated(
  state: ApiKeyState,
  base: { keyId: string; orgId: string; workspaceId: string | null; at: string },
  command: { digest: string; masked: string; transitionMs: number; at: string },
  reason: 'on_demand' | 'scheduled',
): ApiKeyEvent {
  return {
    type: 'ApiKeyRotated',
    data: {
      ...base,
      digest: command.digest,
      masked: command.masked,
      previousDigest: state.digest!,
      previousValidUntil: new Date(Date.parse(command.at) + command.transitionMs).toISOString(),
      reason,
    },
  };
}

function evolveFields(state: ApiKeyState, event: ApiKeyEvent): ApiKeyState {
  switch (event.type) {
    case 'ApiKeyCreated':
      return { ...state, key: event.data, fields: fieldsOf(event.data), digest: event.data.digest, masked: event.data.masked, lastUpdatedAt: event.data.at };
    case 'ApiKeyUpdated':
      return { ...state, fields: { ...state.fields, ...event.data.changes }, lastUpdatedAt: event.data.at };
    case 'ApiKeyUsageReset':
      return state;
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
}
