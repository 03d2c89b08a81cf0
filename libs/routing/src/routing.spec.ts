import { describe, expect, it } from '@jest/globals';
import { anthropicEventToChunks, cacheKey, costCents, executePlan, fromAnthropic, optionIndexHeader, planFromConfig, pickWeighted, retryDelayMs, SseParser, toAnthropic, type AttemptResult, type PlanTarget } from './index.js';

const deps = (random = 0.5) => ({ random: () => random, sleep: async () => {}, now: () => 0 });
const answers = (statuses: number[]) => {
  const seen: string[] = [];
  const call = async (t: PlanTarget): Promise<AttemptResult<string>> => {
    seen.push(t.providerRef!);
    const status = statuses.shift() ?? 200;
    return { status, retryAfter: null, result: t.providerRef! };
  };
  return { seen, call };
};

describe('config plan', () => {
  it('a config without targets routes to the request headers’ provider', () => {
    const plan = planFromConfig({ retry: { attempts: 2 } }, { providerRef: '@p' });
    expect(plan.targets.map((t) => t.providerRef)).toEqual(['@p']);
    expect(plan.retry).toEqual({ attempts: 2, onStatusCodes: [429, 500, 502, 503, 504] });
  });

  it('a config that names nothing is refused', () => {
    expect(() => planFromConfig({ strategy: { mode: 'single' } })).toThrow('names no provider');
    expect(() => planFromConfig({ strategy: { mode: 'roundrobin' }, virtual_key: 'a' })).toThrow('unknown strategy.mode');
  });

  it('fallback moves to the next target on a listed status only', async () => {
    const plan = planFromConfig({ strategy: { mode: 'fallback', on_status_codes: [503] }, targets: [{ virtual_key: 'a' }, { virtual_key: 'b' }] });
    const one = answers([503, 200]);
    const r = await executePlan(plan, one.call, deps());
    expect([r.index, r.answer.result, one.seen]).toEqual([1, 'b', ['a', 'b']]);
    const two = answers([400]);
    expect((await executePlan(plan, two.call, deps())).index).toBe(0);
  });

  it('fallback treats a network error as a reason to move on', async () => {
    const plan = planFromConfig({ strategy: { mode: 'fallback', on_status_codes: [429] }, targets: [{ virtual_key: 'a' }, { virtual_key: 'b' }] });
    expect((await executePlan(plan, answers([0, 200]).call, deps())).index).toBe(1);
  });

  it('loadbalance picks by weight', () => {
    const plan = planFromConfig({ strategy: { mode: 'loadbalance' }, targets: [{ virtual_key: 'a', weight: 0.7 }, { virtual_key: 'b', weight: 0.3 }] });
    expect(pickWeighted(plan.targets, 0.69)).toBe(0);
    expect(pickWeighted(plan.targets, 0.71)).toBe(1);
  });

  it('retry repeats a listed status and counts the retries', async () => {
    const plan = planFromConfig({ retry: { attempts: 3, on_status_codes: [429] }, virtual_key: 'a' });
    const r = await executePlan(plan, answers([429, 429, 200]).call, deps());
    expect([r.retries, r.answer.status]).toEqual([2, 200]);
  });

  it('retry backoff honours retry-after in seconds and as a date', () => {
    expect(retryDelayMs(1, '2', 0)).toBe(2000);
    expect(retryDelayMs(1, new Date(5000).toUTCString(), 1000)).toBe(4000);
    expect(retryDelayMs(3, null, 0)).toBe(400);
  });

  it('override_params merge config, then target', async () => {
    const plan = planFromConfig({ override_params: { model: 'x', temperature: 0 }, targets: [{ virtual_key: 'a', override_params: { model: 'y' } }] });
    let seen: unknown;
    await executePlan(plan, async (t, o) => ((seen = o), { status: 200, retryAfter: null, result: '' }), deps());
    expect(seen).toEqual({ model: 'y', temperature: 0 });
  });
});

describe('anthropic translation', () => {
  it('moves system messages to `system` and maps the answer back', () => {
    expect(toAnthropic({ model: 'claude-3-5-haiku', messages: [{ role: 'system', content: 'be brief' }, { role: 'user', content: 'hi' }] })).toEqual({
      model: 'claude-3-5-haiku', max_tokens: 1024, system: 'be brief', messages: [{ role: 'user', content: 'hi' }],
    });
    const back = fromAnthropic({ id: 'm1', model: 'c', content: [{ type: 'text', text: 'hello' }], stop_reason: 'end_turn', usage: { input_tokens: 3, output_tokens: 2 } }, 1);
    expect(back).toMatchObject({ object: 'chat.completion', choices: [{ message: { content: 'hello' }, finish_reason: 'stop' }], usage: { total_tokens: 5 } });
  });

  it('translates stream events to OpenAI chunks with usage on the last', () => {
    const state = { id: '', model: '', promptTokens: 0, completionTokens: 0 };
    anthropicEventToChunks({ type: 'message_start', message: { id: 'm', model: 'c', usage: { input_tokens: 4 } } }, state, 1);
    expect(anthropicEventToChunks({ type: 'content_block_delta', delta: { type: 'text_delta', text: 'hi' } }, state, 1)[0]).toMatchObject({ choices: [{ delta: { content: 'hi' } }] });
    expect(anthropicEventToChunks({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 6 } }, state, 1)[0]).toMatchObject({ usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 } });
  });
});

describe('sse, prices, cache key', () => {
  it('parses events split across chunks', () => {
    const p = new SseParser();
    expect(p.push('data: {"a"')).toEqual([]);
    expect(p.push(':1}\n\nevent: x\ndata: 2\n\n')).toEqual([{ event: null, data: '{"a":1}' }, { event: 'x', data: '2' }]);
  });

  it('prices by the longest model prefix, in cents', () => {
    expect(costCents('openai', 'gpt-4o-mini-2024', { promptTokens: 1000, completionTokens: 1000, totalTokens: 2000 })).toBeCloseTo(0.075);
    expect(costCents('azure-openai', 'gpt-4o', { promptTokens: 1000, completionTokens: 0, totalTokens: 1000 })).toBeCloseTo(0.25);
    expect(costCents('openai', 'unknown-model', { promptTokens: 1, completionTokens: 1, totalTokens: 2 })).toBe(0);
  });

  it('the cache key ignores key order and separates workspaces', () => {
    expect(cacheKey('w', 'r', 't', { a: 1, b: 2 })).toBe(cacheKey('w', 'r', 't', { b: 2, a: 1 }));
    expect(cacheKey('w', 'r', 't', { a: 1 })).not.toBe(cacheKey('v', 'r', 't', { a: 1 }));
  });
});

describe('provider adapters', () => {
  it('Azure OpenAI puts the deployment and api-version in the URL and the key in `api-key`', async () => {
    const { buildUpstreamRequest } = await import('./providers.js');
    const r = buildUpstreamRequest({ aiProvider: 'azure-openai', apiKey: 'k', customHost: null, configurations: { azure_resource_name: 'res', azure_deployment_id: 'dep', azure_api_version: '2024-10-21' } }, 'chat.completions', {}, (b) => b);
    expect(r.url).toBe('https://res.openai.azure.com/openai/deployments/dep/chat/completions?api-version=2024-10-21');
    expect(r.headers).toEqual({ 'content-type': 'application/json', 'api-key': 'k' });
  });

  it('OpenAI-compatible providers differ only by base URL; a custom host wins', async () => {
    const { buildUpstreamRequest } = await import('./providers.js');
    expect(buildUpstreamRequest({ aiProvider: 'groq', apiKey: 'k', customHost: null, configurations: {} }, 'embeddings', {}, (b) => b).url).toBe('https://api.groq.com/openai/v1/embeddings');
    expect(buildUpstreamRequest({ aiProvider: 'ollama', apiKey: null, customHost: 'http://gpu:11434/v1/', configurations: {} }, 'chat.completions', {}, (b) => b)).toMatchObject({ url: 'http://gpu:11434/v1/chat/completions', headers: { 'content-type': 'application/json' } });
    expect(() => buildUpstreamRequest({ aiProvider: 'anthropic', apiKey: 'k', customHost: null, configurations: {} }, 'embeddings', {}, (b) => b)).toThrow('chat completions only');
  });
});

describe('x-portkey-last-used-option-index', () => {
  it('is "config" without targets, and the path to the answering target with them (nested too)', () => {
    const single = planFromConfig({ virtual_key: 'vk' });
    expect(optionIndexHeader(single, [0])).toBe('config');
    const nested = planFromConfig({ strategy: { mode: 'fallback' }, targets: [{ virtual_key: 'a' }, { strategy: { mode: 'loadbalance' }, targets: [{ virtual_key: 'b' }, { virtual_key: 'c' }] }] });
    expect(optionIndexHeader(nested, [0])).toBe('config.targets[0]');
    expect(optionIndexHeader(nested, [1, 1])).toBe('config.targets[1].targets[1]');
  });
  it('the executor reports the path through nested strategies', async () => {
    const plan = planFromConfig({ strategy: { mode: 'fallback' }, targets: [{ virtual_key: 'a' }, { strategy: { mode: 'fallback' }, targets: [{ virtual_key: 'b' }, { virtual_key: 'c' }] }] });
    const statuses: Record<string, number> = { a: 503, b: 503, c: 200 };
    const r = await executePlan(plan, async (t) => ({ status: statuses[t.providerRef!]!, retryAfter: null, result: t.providerRef }), { random: () => 0, sleep: async () => undefined, now: () => 0 });
    expect([r.path, r.answer.result]).toEqual([[1, 1], 'c']);
  });
});
