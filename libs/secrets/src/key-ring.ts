import { decryptionFailed, masterKeyMismatch } from './errors.js';
import { unwrapDataKey } from './envelope.js';
import type { MasterKey } from './master-key.js';
import type { DataKeyState } from './data-key.decider.js';

/**
 * Unwraps a data key with whichever of `keys` wrapped it (by id). No match, or a match that does
 * not open the box, throws: the caller never gets a wrong key back.
 */
export function unwrapWith(keys: readonly MasterKey[], state: NonNullable<DataKeyState['key']>): Buffer {
  const master = keys.find((k) => k.id === state.masterKeyId);
  if (!master) throw masterKeyMismatch(state.orgId, state.masterKeyId, keys.map((k) => k.id));
  const dataKey = unwrapDataKey(master, state.wrapped, state.orgId, state.keyId);
  if (!dataKey) throw decryptionFailed(`the data key of organisation ${state.orgId}`);
  return dataKey;
}
