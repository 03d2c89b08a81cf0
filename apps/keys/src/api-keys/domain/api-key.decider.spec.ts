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
      {
        type: 'ApiKeyRotated',
        data: { ...base, digest: 'd2', masked: 'pc_wss_*****ef01', previousDigest: 'd1', previousValidUntil: '2026-01-01T00:30:00.000Z', reason: 'on_demand' },
      },
    ]);
  });

  it('reset_usage is a one-off trigger: a reset event, never a stored field', () => {
    spec.given([created]).when({ type: 'UpdateApiKey', keyId: 'k1', changes: { reset_usage: true }, at }).then([
      { type: 'ApiKeyUsageReset', data: { ...base, reason: 'requested', due: null } },
    ]);
  });

  it('a scheduled rotation happens once: a replica that comes second finds it no longer due', () => {
    const withPolicy: ApiKeyEvent = { ...created, data: { ...created.data, rotationPolicy: { rotation_period: 'weekly', key_transition_period_ms: 3_600_000 } } } as ApiKeyEvent;
    const due = '2026-01-08T00:00:00.000Z';
    const command = { type: 'RotateApiKeyOnSchedule' as const, keyId: 'k1', due, digest: 'd2', masked: 'm2', transitionMs: 3_600_000, at: '2026-01-08T00:00:02.000Z' };
    const first = { ...base, at: command.at, digest: 'd2', masked: 'm2', previousDigest: 'd1', previousValidUntil: '2026-01-08T01:00:02.000Z', reason: 'scheduled' as const };
    spec.given([withPolicy]).when(command).then([{ type: 'ApiKeyRotated', data: first }]);
    spec.given([withPolicy, { type: 'ApiKeyRotated', data: first }]).when({ ...command, digest: 'd3' }).then([]);
  });

  it('a periodic reset applies only while it is the pending one', () => {
    const limited: ApiKeyEvent = { ...created, data: { ...created.data, usageLimits: { credit_limit: 10, periodic_reset: 'monthly' } } } as ApiKeyEvent;
    spec.given([limited]).when({ type: 'ResetUsageOnSchedule', keyId: 'k1', due: '2026-02-01T00:00:00.000Z', at: '2026-02-01T00:00:01.000Z' }).then([
      { type: 'ApiKeyUsageReset', data: { ...base, at: '2026-02-01T00:00:01.000Z', reason: 'periodic', due: '2026-02-01T00:00:00.000Z' } },
    ]);
    spec.given([limited]).when({ type: 'ResetUsageOnSchedule', keyId: 'k1', due: '2026-03-01T00:00:00.000Z', at: '2026-03-01T00:00:01.000Z' }).then([]);
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
