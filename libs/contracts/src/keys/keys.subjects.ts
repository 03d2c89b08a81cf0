import { ns } from '../common/namespace.js';

export const KeysSubjects = {
  create: ns('keys.apiKey.create'),
  list: ns('keys.apiKeys.list'),
  get: ns('keys.apiKeys.get'),
  update: ns('keys.apiKey.update'),
  delete: ns('keys.apiKey.delete'),
  rotate: ns('keys.apiKey.rotate'),
  /** The gateway's hot path (behind its cache): secret → principal. */
  verify: ns('keys.apiKeys.verify'),
  /** Internal: a user left the organisation. */
  revokeForUser: ns('keys.apiKey.revokeForUser'),
  /** Internal: keys minted when an invite is accepted. */
  createForInvite: ns('keys.apiKey.createForInvite'),
  /** Internal: the first organisation's master admin key. */
  ensureMasterKey: ns('keys.apiKey.ensureMaster'),
} as const;
