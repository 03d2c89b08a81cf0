import type { Decider } from '#libs/event-store';
import { configReferences, NO_REFERENCES, type ConfigEvents, type ConfigReferences } from '#libs/contracts';
import { configExists, configNotFound } from './config.errors.js';

export type ConfigEvent =
  | { type: 'ConfigCreated'; data: ConfigEvents.ConfigCreated }
  | { type: 'ConfigUpdated'; data: ConfigEvents.ConfigUpdated }
  | { type: 'ConfigDeleted'; data: ConfigEvents.ConfigDeleted };

export interface ConfigChanges {
  name?: string;
  config?: Record<string, unknown>;
  status?: ConfigEvents.ConfigStatus;
}

export type ConfigCommand =
  | {
      type: 'CreateConfig';
      configId: string;
      orgId: string;
      workspaceId: string;
      slug: string;
      name: string;
      config: Record<string, unknown>;
      versionId: string;
      by: string;
      at: string;
    }
  /** `versionId` names the version this update makes, if it changes anything. */
  | { type: 'UpdateConfig'; configId: string; changes: ConfigChanges; versionId: string; by: string; at: string }
  | { type: 'DeleteConfig'; configId: string; reason: ConfigEvents.ConfigDeleted['reason']; at: string };

export interface ConfigState {
  identity: { configId: string; orgId: string; workspaceId: string; slug: string } | null;
  current: ConfigEvents.ConfigVersionSnapshot | null;
  references: ConfigReferences;
  deleted: boolean;
}

/** A config and its immutable versions: every update that changes something is a new version. */
export const configDecider: Decider<ConfigCommand, ConfigEvent, ConfigState> = {
  initialState: () => ({ identity: null, current: null, references: NO_REFERENCES, deleted: false }),

  decide(command, state) {
    if (command.type === 'CreateConfig') {
      if (state.identity) throw configExists(command.configId);
      const { type: _type, config, ...rest } = command;
      return [{ type: 'ConfigCreated', data: { ...rest, configJson: JSON.stringify(config), version: 1, status: 'active', references: configReferences(config) } }];
    }
    const { identity, current } = state;
    if (!identity || !current || state.deleted) throw configNotFound(command.configId);
    switch (command.type) {
      case 'UpdateConfig': {
        const { config } = command.changes;
        const next = {
          name: command.changes.name ?? current.name,
          configJson: config ? JSON.stringify(config) : current.configJson,
          status: command.changes.status ?? current.status,
        };
        if (next.name === current.name && next.configJson === current.configJson && next.status === current.status) return [];
        return [
          {
            type: 'ConfigUpdated',
            data: {
              configId: identity.configId,
              orgId: identity.orgId,
              workspaceId: identity.workspaceId,
              ...next,
              versionId: command.versionId,
              version: current.version + 1,
              by: command.by,
              references: config ? configReferences(config) : state.references,
              previousReferences: state.references,
              at: command.at,
            },
          },
        ];
      }
      case 'DeleteConfig':
        return [
          {
            type: 'ConfigDeleted',
            data: { ...identity, versions: current.version, references: state.references, reason: command.reason, at: command.at },
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
      case 'ConfigCreated': {
        const d = event.data;
        return {
          ...state,
          identity: { configId: d.configId, orgId: d.orgId, workspaceId: d.workspaceId, slug: d.slug },
          current: snapshot(d),
          references: d.references,
        };
      }
      case 'ConfigUpdated':
        return { ...state, current: snapshot(event.data), references: event.data.references };
      case 'ConfigDeleted':
        return { ...state, deleted: true };
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};

function snapshot(d: ConfigEvents.ConfigVersionSnapshot): ConfigEvents.ConfigVersionSnapshot {
  return { versionId: d.versionId, version: d.version, name: d.name, configJson: d.configJson, status: d.status, by: d.by };
}
