import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { apiKeyDecider, type ApiKeyEvent } from './api-key.decider.js';

const at = '2026-01-01T00:00:00.000Z';
const base = { keyId: 'k1', orgId: 'o1', workspaceId: 'w1', at };
const created: ApiKeyEvent = {
  type: 'ApiKeyCreated',
  data: {
    ...base,
    userId: null,
    type: 'workspace-service',
    name: 'svc',
    scopes: ['workspaces.read'],
    digest: 'd1',
    masked: 'pc_wss_*****abcd',
    description: null,
    rateLimits: null,
    usageLimits: null,
    defaults: null,
    alertEmails: null,
    expiresAt: null,
    rotationPolicy: null,
    creationMode: 'api',
    createdBy: 'admin',
  },
};
const spec = deciderSpec(apiKeyDecider);

describe('API key decider', () => {
  it('rotation keeps the old digest valid for the transition period', () => {
    spec.given([created]).when({ type: 'RotateApiKey', keyId: 'k1', digest: 'd2', masked: 'pc_wss_*****ef01', transitionMs: 1_800_000, at }).then([
      { type: 'ApiKeyRotated', data: { ...base, digest: 'd2', masked: 'pc_wss_*****ef01', previousDigest: 'd1', previousValidUntil: '2026-01-01T00:30:00.000Z' } },
    ]);
  });

  it('deleting during a transition revokes both secrets', () => {
    const rotated: ApiKeyEvent = { type: 'ApiKeyRotated', data: { ...base, digest: 'd2', masked: 'm', previousDigest: 'd1', previousValidUntil: '2026-01-01T00:30:00.000Z' } };
    spec.given([created, rotated]).when({ type: 'DeleteApiKey', keyId: 'k1', reason: 'deleted', at }).then([
      { type: 'ApiKeyDeleted', data: { ...base, userId: null, reason: 'deleted', digests: ['d2', 'd1'] } },
    ]);
  });

  it('an update records only what changed; a deleted key is gone', () => {
    spec.given([created]).when({ type: 'UpdateApiKey', keyId: 'k1', changes: { scopes: ['workspaces.read'], name: 'renamed' }, at }).then([
      { type: 'ApiKeyUpdated', data: { ...base, changes: { name: 'renamed' } } },
    ]);
    const deleted: ApiKeyEvent = { type: 'ApiKeyDeleted', data: { ...base, userId: null, reason: 'deleted', digests: ['d1'] } };
    spec.given([created, deleted]).when({ type: 'UpdateApiKey', keyId: 'k1', changes: { name: 'x' }, at }).thenThrows({ code: 'KEYS.NOT_FOUND', status: 404 });
  });
});
