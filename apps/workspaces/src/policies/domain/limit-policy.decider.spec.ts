import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { limitPolicyDecider, type LimitPolicyEvent } from './limit-policy.decider.js';

const at = '2026-12-02T12:00:00.000Z';
const ids = { policyId: 'p1', kind: 'rate' as const, orgId: 'o1', workspaceId: 'w1' };
const policy = { ...ids, name: 'per user', conditions: [{ key: 'workspace_id', value: 'w1' }], groupBy: [{ key: 'metadata.user' }], type: 'requests', value: 10, unit: 'rpm', alertThreshold: null, periodicReset: null, by: 'k1', at };
const created: LimitPolicyEvent = { type: 'LimitPolicyCreated', data: policy };
const spec = deciderSpec(limitPolicyDecider);

describe('limit policy decider', () => {
  it('a policy is created once; a second create of the same id is a conflict', () => {
    spec.given([]).when({ type: 'CreateLimitPolicy', policy }).then([created]);
    spec.given([created]).when({ type: 'CreateLimitPolicy', policy }).thenThrows({ code: 'POLICIES.EXISTS', status: 409 });
  });

  it('an update records only the fields that change', () => {
    spec.given([created]).when({ type: 'UpdateLimitPolicy', policyId: 'p1', changes: { value: 20, unit: 'rpm', name: undefined }, resetValueKey: null, at }).then([
      { type: 'LimitPolicyUpdated', data: { ...ids, changes: { value: 20 }, at } },
    ]);
  });

  it('deleting archives once; archiving again changes nothing', () => {
    const archived: LimitPolicyEvent = { type: 'LimitPolicyArchived', data: { ...ids, at } };
    spec.given([created]).when({ type: 'ArchiveLimitPolicy', policyId: 'p1', at }).then([archived]);
    spec.given([created, archived]).when({ type: 'ArchiveLimitPolicy', policyId: 'p1', at }).then([]);
  });

  it('reset_usage_for_value resets the counters of that value', () => {
    spec.given([created]).when({ type: 'UpdateLimitPolicy', policyId: 'p1', changes: {}, resetValueKey: 'alice', at }).then([
      { type: 'LimitPolicyUsageReset', data: { ...ids, valueKey: 'alice', at } },
    ]);
  });

  it('a policy that never existed is not found', () => {
    spec.given([]).when({ type: 'ArchiveLimitPolicy', policyId: 'p1', at }).thenThrows({ code: 'POLICIES.NOT_FOUND', status: 404 });
  });
});
