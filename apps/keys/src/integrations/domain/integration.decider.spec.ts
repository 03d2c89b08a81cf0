import { describe, expect, it } from '@jest/globals';
import type { ProviderEvents } from '#libs/contracts';
import { deciderSpec } from '#libs/testing';
import { accessOf, integrationDecider, type IntegrationEvent } from './integration.decider.js';

const sealed = { kid: 'dk', box: 'v1.iv.ct.tag' };
const created: ProviderEvents.IntegrationCreated = {
  integrationId: 'i1',
  orgId: 'o1',
  workspaceId: null,
  private: false,
  slug: 'openai-prod',
  name: 'OpenAI',
  aiProviderId: 'openai',
  description: null,
  configurations: { custom_host: 'https://llm.internal' },
  secretMappings: null,
  key: sealed,
  maskedKey: 'sk-a*****wxyz',
  sealedConfigurations: {},
  maskedConfigurations: {},
  createdBy: 'k1',
  at: 't0',
};
const given: IntegrationEvent[] = [{ type: 'IntegrationCreated', data: created }];
const base = { integrationId: 'i1', orgId: 'o1', workspaceId: null, at: 't1' };
const model = (slug: string, enabled = true): ProviderEvents.IntegrationModel => ({
  slug,
  enabled,
  is_custom: false,
  is_finetune: false,
  base_model_slug: null,
  configurations: null,
  pricing_config: null,
});

describe('integration decider', () => {
  const spec = deciderSpec(integrationDecider);

  it('an integration is created once', () => {
    spec.given([]).when({ type: 'CreateIntegration', integration: { ...created, at: undefined } as never, at: 't0' }).then([{ type: 'IntegrationCreated', data: created }]);
    spec.given(given).when({ type: 'CreateIntegration', integration: created, at: 't1' }).thenThrows({ code: 'KEYS.INTEGRATION_EXISTS' });
  });

  it('an update records only what changed; the same values append nothing', () => {
    spec
      .given(given)
      .when({ type: 'UpdateIntegration', integrationId: 'i1', changes: { name: 'OpenAI 2', description: null }, at: 't1' })
      .then([{ type: 'IntegrationUpdated', data: { ...base, changes: { name: 'OpenAI 2' } } }]);
    spec.given(given).when({ type: 'UpdateIntegration', integrationId: 'i1', changes: { name: 'OpenAI' }, at: 't1' }).then([]);
  });

  it('new secrets are recorded whole, sealed', () => {
    const secrets = { key: { kid: 'dk', box: 'v1.new.box.tag' }, maskedKey: 'sk-b*****1234', sealedConfigurations: {}, maskedConfigurations: {} };
    spec.given(given).when({ type: 'UpdateIntegration', integrationId: 'i1', changes: {}, secrets, at: 't1' }).then([{ type: 'IntegrationUpdated', data: { ...base, changes: {}, secrets } }]);
  });

  it('models are upserted by slug and removed by slug', () => {
    const withModels: IntegrationEvent[] = [...given, { type: 'IntegrationModelsChanged', data: { ...base, allowAllModels: true, models: [model('gpt-4o')] } }];
    spec
      .given(withModels)
      .when({ type: 'UpsertModels', integrationId: 'i1', models: [model('gpt-4o', false), model('o3')], allowAllModels: false, at: 't2' })
      .then([{ type: 'IntegrationModelsChanged', data: { ...base, at: 't2', allowAllModels: false, models: [model('gpt-4o', false), model('o3')] } }]);
    spec.given(withModels).when({ type: 'UpsertModels', integrationId: 'i1', models: [model('gpt-4o')], at: 't2' }).then([]);
    spec
      .given(withModels)
      .when({ type: 'RemoveModels', integrationId: 'i1', slugs: ['gpt-4o', 'unknown'], at: 't2' })
      .then([{ type: 'IntegrationModelsChanged', data: { ...base, at: 't2', allowAllModels: true, models: [] } }]);
    spec.given(withModels).when({ type: 'RemoveModels', integrationId: 'i1', slugs: ['unknown'], at: 't2' }).then([]);
  });

  it('workspace access: entries, a global default, and override removes the unlisted', () => {
    const entry = { workspaceId: 'w1', enabled: true, usage_limits: [], rate_limits: [{ type: 'requests', unit: 'rpm', value: 10 }] };
    const { workspaceId: _w, ...noWs } = base;
    spec
      .given(given)
      .when({ type: 'SetWorkspaceAccess', integrationId: 'i1', workspaces: [entry], override: false, at: 't1' })
      .then([{ type: 'IntegrationWorkspaceAccessChanged', data: { ...noWs, workspaces: [entry], removedWorkspaceIds: [] } }]);
    const events: IntegrationEvent[] = [...given, { type: 'IntegrationWorkspaceAccessChanged', data: { ...noWs, workspaces: [entry], removedWorkspaceIds: [] } }];
    spec.given(events).when({ type: 'SetWorkspaceAccess', integrationId: 'i1', workspaces: [entry], override: false, at: 't2' }).then([]);
    const global = { enabled: true, usage_limits: [], rate_limits: [] };
    spec
      .given(events)
      .when({ type: 'SetWorkspaceAccess', integrationId: 'i1', workspaces: [], global, override: true, at: 't2' })
      .then([{ type: 'IntegrationWorkspaceAccessChanged', data: { ...noWs, at: 't2', global, workspaces: [], removedWorkspaceIds: ['w1'] } }]);
    const state = events.reduce(integrationDecider.evolve, integrationDecider.initialState());
    expect(accessOf(state, 'w1')?.enabled).toBe(true);
    expect(accessOf(state, 'w2')).toBeNull();
  });

  it('workspace access applies to organisation integrations only', () => {
    spec
      .given([{ type: 'IntegrationCreated', data: { ...created, workspaceId: 'w1' } }])
      .when({ type: 'SetWorkspaceAccess', integrationId: 'i1', workspaces: [], override: false, at: 't1' })
      .thenThrows({ code: 'KEYS.NOT_ORGANISATION_INTEGRATION' });
  });

  it('deleting lists the workspaces whose access rows go; a deleted integration is not found', () => {
    const entry = { workspaceId: 'w1', enabled: false, usage_limits: [], rate_limits: [] };
    const { workspaceId: _w, ...noWs } = base;
    const events: IntegrationEvent[] = [...given, { type: 'IntegrationWorkspaceAccessChanged', data: { ...noWs, workspaces: [entry], removedWorkspaceIds: [] } }];
    spec
      .given(events)
      .when({ type: 'DeleteIntegration', integrationId: 'i1', reason: 'deleted', at: 't2' })
      .then([{ type: 'IntegrationDeleted', data: { ...base, at: 't2', slug: 'openai-prod', private: false, accessWorkspaceIds: ['w1'], reason: 'deleted' } }]);
    const deleted: IntegrationEvent[] = [...events, { type: 'IntegrationDeleted', data: { ...base, slug: 'openai-prod', private: false, accessWorkspaceIds: ['w1'], reason: 'deleted' } }];
    spec.given(deleted).when({ type: 'UpdateIntegration', integrationId: 'i1', changes: { name: 'x' }, at: 't3' }).thenThrows({ code: 'KEYS.INTEGRATION_NOT_FOUND', status: 404 });
  });
});
