import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { configDecider, type ConfigEvent } from './config.decider.js';
import { defaultConfigDecider, type DefaultConfigEvent } from './default-config.decider.js';

const at = '2026-01-01T00:00:00.000Z';
const ids = { configId: 'c1', orgId: 'o1', workspaceId: 'w1' };
const body = { retry: { attempts: 3 }, targets: [{ virtual_key: 'vk-a' }] };
const refs = { virtualKeys: ['vk-a'], providers: [], guardrails: [] };
const created: ConfigEvent = {
  type: 'ConfigCreated',
  data: { ...ids, slug: 'pc-main-abcdef', name: 'Main', configJson: JSON.stringify(body), versionId: 'v1', version: 1, status: 'active', by: 'u1', references: refs, at },
};
const spec = deciderSpec(configDecider);

describe('config decider', () => {
  it('version 1 records the body and what it names', () => {
    spec.given([]).when({ type: 'CreateConfig', ...ids, slug: 'pc-main-abcdef', name: 'Main', config: body, versionId: 'v1', by: 'u1', at }).then([created]);
  });

  it('an update that changes something is a new version carrying the full snapshot and the references it drops', () => {
    const next = { cache: { mode: 'simple' }, targets: [{ provider: '@openai-prod' }] };
    spec.given([created]).when({ type: 'UpdateConfig', configId: 'c1', changes: { config: next }, versionId: 'v2', by: 'u2', at }).then([
      {
        type: 'ConfigUpdated',
        data: {
          ...ids,
          name: 'Main',
          configJson: JSON.stringify(next),
          status: 'active',
          versionId: 'v2',
          version: 2,
          by: 'u2',
          references: { virtualKeys: [], providers: ['openai-prod'], guardrails: [] },
          previousReferences: refs,
          at,
        },
      },
    ]);
  });

  it('an update that changes nothing makes no version', () => {
    spec.given([created]).when({ type: 'UpdateConfig', configId: 'c1', changes: { name: 'Main', config: body }, versionId: 'v2', by: 'u2', at }).then([]);
  });

  it('versions count on from the latest', () => {
    const v2: ConfigEvent = { type: 'ConfigUpdated', data: { ...ids, name: 'Renamed', configJson: JSON.stringify(body), status: 'active', versionId: 'v2', version: 2, by: 'u1', references: refs, previousReferences: refs, at } };
    spec.given([created, v2]).when({ type: 'UpdateConfig', configId: 'c1', changes: { status: 'archived' }, versionId: 'v3', by: 'u1', at }).then([
      { type: 'ConfigUpdated', data: { ...ids, name: 'Renamed', configJson: JSON.stringify(body), status: 'archived', versionId: 'v3', version: 3, by: 'u1', references: refs, previousReferences: refs, at } },
    ]);
  });

  it('deleting names how many versions and references go with it; a deleted config is missing', () => {
    const deleted: ConfigEvent = { type: 'ConfigDeleted', data: { ...ids, slug: 'pc-main-abcdef', versions: 1, references: refs, reason: 'deleted', at } };
    spec.given([created]).when({ type: 'DeleteConfig', configId: 'c1', reason: 'deleted', at }).then([deleted]);
    spec.given([created, deleted]).when({ type: 'UpdateConfig', configId: 'c1', changes: { name: 'x' }, versionId: 'v2', by: 'u1', at }).thenThrows({ code: 'CONFIGS.NOT_FOUND', status: 404 });
    spec.given([]).when({ type: 'DeleteConfig', configId: 'c1', reason: 'deleted', at }).thenThrows({ code: 'CONFIGS.NOT_FOUND' });
  });

  it('a config is created once', () => {
    spec.given([created]).when({ type: 'CreateConfig', ...ids, slug: 'pc-x-000000', name: 'x', config: {}, versionId: 'v9', by: 'u1', at }).thenThrows({ code: 'CONFIGS.EXISTS', status: 409 });
  });
});

describe('default config pointer', () => {
  const where = { orgId: 'o1', workspaceId: 'w1', at };
  const set = (configId: string, previousConfigId: string | null): DefaultConfigEvent => ({ type: 'DefaultConfigChanged', data: { ...where, configId, previousConfigId } });
  const pointer = deciderSpec(defaultConfigDecider);

  it('a second default moves the flag: the event names the config that loses it', () => {
    pointer.given([set('c1', null)]).when({ type: 'SetDefaultConfig', ...where, configId: 'c2' }).then([set('c2', 'c1')]);
    pointer.given([set('c1', null)]).when({ type: 'SetDefaultConfig', ...where, configId: 'c1' }).then([]);
  });

  it('clearing touches the pointer only when that config is the default', () => {
    pointer.given([set('c1', null)]).when({ type: 'ClearDefaultConfig', ...where, configId: 'c2' }).then([]);
    pointer.given([set('c1', null)]).when({ type: 'ClearDefaultConfig', ...where, configId: 'c1' }).then([
      { type: 'DefaultConfigChanged', data: { ...where, configId: null, previousConfigId: 'c1' } },
    ]);
  });
});
