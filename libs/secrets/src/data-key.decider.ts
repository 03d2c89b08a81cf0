import type { ProviderEvents } from '#libs/contracts';
import type { Decider } from '#libs/event-store';
import { dataKeyMissing, dataKeyMoved } from './errors.js';

export const dataKeyStream = (orgId: string) => `dataKey-${orgId}`;
export const DATA_KEY_CATEGORY = 'dataKey';

export type DataKeyEvent =
  | { type: 'DataKeyCreated'; data: ProviderEvents.DataKeyCreated }
  | { type: 'DataKeyRewrapped'; data: ProviderEvents.DataKeyRewrapped };

export type DataKeyCommand =
  | { type: 'CreateDataKey'; key: Omit<ProviderEvents.DataKeyCreated, 'at'>; at: string }
  | { type: 'RewrapDataKey'; orgId: string; wrapped: string; masterKeyId: string; expectedMasterKeyId: string; at: string };

export interface DataKeyState {
  key: { orgId: string; keyId: string; wrapped: string; masterKeyId: string } | null;
}

/**
 * An organisation's data key: created once (a second creation is a no-op, the first one wins),
 * then only ever re-wrapped. The key material itself never changes, so nothing sealed under it
 * needs re-encrypting when the master key rotates.
 */
export const dataKeyDecider: Decider<DataKeyCommand, DataKeyEvent, DataKeyState> = {
  initialState: () => ({ key: null }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateDataKey':
        return state.key ? [] : [{ type: 'DataKeyCreated', data: { ...command.key, at: command.at } }];
      case 'RewrapDataKey': {
        const key = state.key;
        if (!key) throw dataKeyMissing(command.orgId);
        if (key.masterKeyId === command.masterKeyId) return [];
        if (key.masterKeyId !== command.expectedMasterKeyId) throw dataKeyMoved(command.orgId, command.expectedMasterKeyId, key.masterKeyId);
        return [
          {
            type: 'DataKeyRewrapped',
            data: { orgId: key.orgId, keyId: key.keyId, wrapped: command.wrapped, masterKeyId: command.masterKeyId, previousMasterKeyId: key.masterKeyId, at: command.at },
          },
        ];
      }
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'DataKeyCreated':
        return { key: { orgId: event.data.orgId, keyId: event.data.keyId, wrapped: event.data.wrapped, masterKeyId: event.data.masterKeyId } };
      case 'DataKeyRewrapped':
        return state.key ? { key: { ...state.key, wrapped: event.data.wrapped, masterKeyId: event.data.masterKeyId } } : state;
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};
