import { describe, expect, it } from '@jest/globals';
import { guardrailActionsProblem } from '../guardrails/guardrail-actions.js';
import { configReferences, referencePath } from './config-references.js';
import { configProblem } from './config-schema.js';

describe('Portkey config schema', () => {
  it.each([
    [{ retry: { attempts: 3 } }],
    [{ retry: { attempts: 5 }, cache: { mode: 'simple' } }],
    [{ strategy: { mode: 'fallback', on_status_codes: [429, 500] }, targets: [{ virtual_key: 'a' }, { provider: 'openai', override_params: { model: 'gpt-4o' } }] }],
    [{ strategy: { mode: 'loadbalance' }, targets: [{ virtualKey: 'a', weight: 0.7 }, { virtual_key: 'b', weight: 0.3 }] }],
    [{ strategy: { mode: 'conditional', conditions: [{ query: { 'metadata.tier': { $eq: 'pro' } }, then: 'big' }], default: 'small' }, targets: [{ name: 'big', virtual_key: 'a' }, { name: 'small', virtual_key: 'b' }] }],
    [{ request_timeout: 10_000, input_guardrails: ['guard_pii-abcdef', { 'default.contains': { words: ['x'] }, deny: true }], custom_field: { anything: [1, 2] } }],
    [{ cache: { mode: 'semantic', max_age: 3600 } }],
    [{}],
  ])('accepts %j', (config) => {
    expect(configProblem(config)).toBeNull();
  });

  it.each([
    ['an unknown strategy', { strategy: { mode: 'roundrobin' }, targets: [{}] }, 'config.strategy.mode'],
    ['a strategy without mode', { strategy: {} }, 'config.strategy.mode'],
    ['retry attempts as a string', { retry: { attempts: '3' } }, 'config.retry.attempts'],
    ['retry without attempts', { retry: { on_status_codes: [429] } }, 'config.retry.attempts'],
    ['a status code out of range', { retry: { attempts: 2, on_status_codes: [42] } }, 'config.retry.on_status_codes.0'],
    ['an unknown cache mode', { cache: { mode: 'forever' } }, 'config.cache.mode'],
    ['a negative max_age', { cache: { mode: 'simple', max_age: -1 } }, 'config.cache.max_age'],
    ['targets as an object', { strategy: { mode: 'fallback' }, targets: { a: 1 } }, 'config.targets'],
    ['fallback without targets', { strategy: { mode: 'fallback' } }, 'config.targets'],
    ['a nested bad weight', { strategy: { mode: 'loadbalance' }, targets: [{ strategy: { mode: 'fallback' }, targets: [{ weight: 'heavy' }] }] }, 'config.targets.0.targets.0.weight'],
    ['a virtual key that is a number', { targets: [{ virtual_key: 7 }] }, 'config.targets.0.virtual_key'],
    ['an inline provider key', { targets: [{ provider: 'openai', api_key: 'sk-live' }] }, 'config.targets.0.api_key'],
    ['an unknown inline guardrail check', { output_guardrails: [{ 'default.nonsense': {} }] }, 'config.output_guardrails.0.default.nonsense'],
    ['a condition naming no target', { strategy: { mode: 'conditional', conditions: [{ query: {}, then: 'ghost' }] }, targets: [{ name: 'real' }] }, 'config.strategy.conditions.0.then'],
    ['a request timeout of zero', { request_timeout: 0 }, 'config.request_timeout'],
    ['null retry', { retry: null }, 'config.retry'],
    ['an array', [1, 2], 'config'],
  ])('refuses %s, naming %s', (_what, config, path) => {
    expect(configProblem(config)?.path).toBe(path);
  });

  it('bounds how deep targets nest', () => {
    let config: Record<string, unknown> = { virtual_key: 'leaf' };
    for (let i = 0; i < 7; i++) config = { strategy: { mode: 'fallback' }, targets: [config] };
    expect(configProblem(config)?.message).toMatch(/nest/);
  });

  it('collects what a config names, at any depth, and says where', () => {
    const config = {
      input_guardrails: ['guard_a-000000'],
      strategy: { mode: 'fallback' },
      targets: [{ virtual_key: 'vk-1' }, { strategy: { mode: 'loadbalance' }, targets: [{ provider: '@prod-openai/gpt-4o' }, { provider: 'anthropic' }, { virtualKey: 'vk-2' }] }],
    };
    expect(configReferences(config)).toEqual({ virtualKeys: ['vk-1', 'vk-2'], providers: ['prod-openai'], guardrails: ['guard_a-000000'] });
    expect(referencePath(config, 'virtualKeys', 'vk-2')).toBe('config.targets.1.targets.2.virtualKey');
    expect(referencePath(config, 'providers', 'prod-openai')).toBe('config.targets.1.targets.0.provider');
    expect(referencePath(config, 'guardrails', 'guard_a-000000')).toBe('config.input_guardrails.0');
  });
});

describe('guardrail actions', () => {
  it('checks the fields Portkey defines and keeps the others', () => {
    expect(guardrailActionsProblem({ deny: true, async: false, on_success: { feedback: { value: 5, weight: 1, metadata: '' } }, on_fail: { feedback: { value: -5 } } })).toBeNull();
    expect(guardrailActionsProblem({ onFail: 'log', message: 'anything' })).toBeNull();
    expect(guardrailActionsProblem({ deny: 'yes' })?.path).toBe('actions.deny');
    expect(guardrailActionsProblem({ on_fail: { feedback: { value: 11 } } })?.path).toBe('actions.on_fail.feedback.value');
    expect(guardrailActionsProblem({ on_success: 'log' })?.path).toBe('actions.on_success');
  });
});
