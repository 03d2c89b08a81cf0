import type { Decider } from '#libs/event-store';
import type { GuardrailEvents } from '#libs/contracts';
import { guardrailExists, guardrailNotFound } from './guardrail.errors.js';

export type GuardrailEvent =
  | { type: 'GuardrailCreated'; data: GuardrailEvents.GuardrailCreated }
  | { type: 'GuardrailUpdated'; data: GuardrailEvents.GuardrailUpdated }
  | { type: 'GuardrailDeleted'; data: GuardrailEvents.GuardrailDeleted };

export interface GuardrailChanges {
  name?: string;
  checks?: GuardrailEvents.GuardrailCheck[];
  actions?: Record<string, unknown>;
}

export type GuardrailCommand =
  | {
      type: 'CreateGuardrail';
      guardrailId: string;
      orgId: string;
      workspaceId: string | null;
      slug: string;
      name: string;
      checks: GuardrailEvents.GuardrailCheck[];
      actions: Record<string, unknown>;
      versionId: string;
      by: string;
      at: string;
    }
  | { type: 'UpdateGuardrail'; guardrailId: string; changes: GuardrailChanges; versionId: string; by: string; at: string }
  | { type: 'DeleteGuardrail'; guardrailId: string; reason: GuardrailEvents.GuardrailDeleted['reason']; at: string };

export interface GuardrailState {
  identity: { guardrailId: string; orgId: string; workspaceId: string | null; slug: string } | null;
  current: GuardrailEvents.GuardrailVersionSnapshot | null;
  deleted: boolean;
}

/** A guardrail and its immutable versions, like configs: every real change is a new version. */
export const guardrailDecider: Decider<GuardrailCommand, GuardrailEvent, GuardrailState> = {
  initialState: () => ({ identity: null, current: null, deleted: false }),

  decide(command, state) {
    if (command.type === 'CreateGuardrail') {
      if (state.identity) throw guardrailExists(command.guardrailId);
      const { type: _type, checks, actions, ...rest } = command;
      return [{ type: 'GuardrailCreated', data: { ...rest, checksJson: JSON.stringify(checks), actionsJson: JSON.stringify(actions), version: 1 } }];
    }
    const { identity, current } = state;
    if (!identity || !current || state.deleted) throw guardrailNotFound(command.guardrailId);
    switch (command.type) {
      case 'UpdateGuardrail': {
        const { checks, actions } = command.changes;
        const next = {
          name: command.changes.name ?? current.name,
          checksJson: checks ? JSON.stringify(checks) : current.checksJson,
          actionsJson: actions ? JSON.stringify(actions) : current.actionsJson,
        };
        if (next.name === current.name && next.checksJson === current.checksJson && next.actionsJson === current.actionsJson) return [];
        return [
          {
            type: 'GuardrailUpdated',
            data: {
              guardrailId: identity.guardrailId,
              orgId: identity.orgId,
              workspaceId: identity.workspaceId,
              ...next,
              versionId: command.versionId,
              version: current.version + 1,
              by: command.by,
              at: command.at,
            },
          },
        ];
      }
      case 'DeleteGuardrail':
        return [{ type: 'GuardrailDeleted', data: { ...identity, versions: current.version, reason: command.reason, at: command.at } }];
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'GuardrailCreated': {
        const d = event.data;
        return { ...state, identity: { guardrailId: d.guardrailId, orgId: d.orgId, workspaceId: d.workspaceId, slug: d.slug }, current: snapshot(d) };
      }
      case 'GuardrailUpdated':
        return { ...state, current: snapshot(event.data) };
      case 'GuardrailDeleted':
        return { ...state, deleted: true };
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};

function snapshot(d: GuardrailEvents.GuardrailVersionSnapshot): GuardrailEvents.GuardrailVersionSnapshot {
  return { versionId: d.versionId, version: d.version, name: d.name, checksJson: d.checksJson, actionsJson: d.actionsJson, by: d.by };
}
