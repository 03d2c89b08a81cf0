import { describe, it } from '@jest/globals';
import type { ProviderEvents } from '#libs/contracts';
import { deciderSpec } from '#libs/testing';
import { providerDecider, type ProviderEvent } from './provider.decider.js';

const created: ProviderEvents.ProviderCreated = {
  providerId: 'p1',
  orgId: 'o1',
  workspaceId: 'w1',
  slug: 'openai-dev',
  name: 'OpenAI dev',
  note: null,
  integrationId: 'i1',
  aiProviderId: 'openai',
  kind: 'virtual-key',
  usageLimits: null,
  rateLimits: [],
  expiresAt: null,
  modelConfig: null,
  createdBy: 'k1',
  at: 't0',
};
const given: ProviderEvent[] = [{ type: 'ProviderCreated', data: created }];
const base = { providerId: 'p1', orgId: 'o1', workspaceId: 'w1', at: 't1' };

describe('provider decider', () => {
  const spec = deciderSpec(providerDecider);

  it('a provider is created once', () => {
    spec.given([]).when({ type: 'CreateProvider', provider: created, at: 't0' }).then([{ type: 'ProviderCreated', data: created }]);
    spec.given(given).when({ type: 'CreateProvider', provider: created, at: 't1' }).thenThrows({ code: 'KEYS.PROVIDER_EXISTS' });
  });

  it('updates record what changed, limits included; unchanged values append nothing', () => {
    const limits = { usage_limits: { credit_limit: 10, type: 'cost' }, rate_limits: [{ type: 'requests', unit: 'rpm', value: 5 }] };
    spec.given(given).when({ type: 'UpdateProvider', providerId: 'p1', changes: { ...limits, note: null }, at: 't1' }).then([{ type: 'ProviderUpdated', data: { ...base, changes: limits } }]);
    spec.given(given).when({ type: 'UpdateProvider', providerId: 'p1', changes: { name: 'OpenAI dev', rate_limits: [] }, at: 't1' }).then([]);
  });

  it('deleting names its slug and integration (the slug is freed, a private integration goes too)', () => {
    spec
      .given(given)
      .when({ type: 'DeleteProvider', providerId: 'p1', reason: 'deleted', at: 't1' })
      .then([{ type: 'ProviderDeleted', data: { ...base, slug: 'openai-dev', integrationId: 'i1', kind: 'virtual-key', reason: 'deleted' } }]);
    spec
      .given([...given, { type: 'ProviderDeleted', data: { ...base, slug: 'openai-dev', integrationId: 'i1', kind: 'virtual-key', reason: 'deleted' } }])
      .when({ type: 'UpdateProvider', providerId: 'p1', changes: { name: 'x' }, at: 't2' })
      .thenThrows({ code: 'KEYS.PROVIDER_NOT_FOUND', status: 404 });
  });
});
