import type { Decider } from '#libs/event-store';
import type { ConfigEvents } from '#libs/contracts';

export type DefaultConfigEvent = { type: 'DefaultConfigChanged'; data: ConfigEvents.DefaultConfigChanged };

export type DefaultConfigCommand =
  /** Makes `configId` the default; the previous default (if any) loses the flag, as in Portkey. */
  | { type: 'SetDefaultConfig'; orgId: string; workspaceId: string; configId: string; at: string }
  /** Only if `configId` is the default now (it stopped being one, or was deleted). */
  | { type: 'ClearDefaultConfig'; orgId: string; workspaceId: string; configId: string; at: string };

export interface DefaultConfigState {
  configId: string | null;
}

/** One default config per workspace: a single pointer, changed with the expected revision. */
export const defaultConfigDecider: Decider<DefaultConfigCommand, DefaultConfigEvent, DefaultConfigState> = {
  initialState: () => ({ configId: null }),

  decide(command, state) {
    const base = { orgId: command.orgId, workspaceId: command.workspaceId, previousConfigId: state.configId, at: command.at };
    switch (command.type) {
      case 'SetDefaultConfig':
        return state.configId === command.configId ? [] : [{ type: 'DefaultConfigChanged', data: { ...base, configId: command.configId } }];
      case 'ClearDefaultConfig':
        return state.configId === command.configId ? [{ type: 'DefaultConfigChanged', data: { ...base, configId: null } }] : [];
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve: (_state, event) => ({ configId: event.data.configId }),
};
