import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { Portkey } from 'portkey-ai';
import type { AdmissionRequest, CallUsage, LimitsPort } from '#libs/limits';
import { logSubject, type RequestLog } from '#libs/request-logs';
import { costCents } from '#libs/routing';
import { eventually } from '#libs/testing';
import { http, sdkError } from '../support/clients.js';
import { parsePrometheus } from '../support/prometheus.js';
import { fakeAnthropic, fakeOpenAi, type FakeUpstream } from '../support/fake-upstreams.js';
import { CapturingLogger, startStack, type Stack } from '../support/stack.js';

// Only the data-plane scope: prompt completions need no `prompts.render`.
const SCOPES = ['completions.write'];

describe('completions through the gateway with the official SDK', () => {
  let stack: Stack;
  let up: { a: FakeUpstream; b: FakeUpstream; anthropic: FakeUpstream };
  const secrets: string[] = [];
  const logs = new CapturingLogger();
  const secret = (label: string) => {
    const value = `sk-${label}-${randomBytes(12).toString('hex')}`;
    secrets.push(value);
    return value;
  };
  const ws: Record<string, { id: string; key: string }> = {};
  const vk: Record<string, { slug: string; secret: string }> = {};

  const workspace = async (name: string) => {
    const created = await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name } });
    const key = await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: `${name} svc`, scopes: SCOPES, workspace_id: created.body.id } });
    expect(key.status).toBe(200);
    secrets.push(key.body.key);
    return { id: created.body.id as string, key: key.body.key as string, keyId: key.body.id as string };
  };
  const virtualKey = async (workspaceId: string, provider: string, host: string, label: string) => {
    const s = secret(label);
    const created = await http(stack, 'POST', '/virtual-keys', { key: stack.adminKey, body: { name: label, provider, key: s, workspace_id: workspaceId, custom_host: `${host}/v1` } });
    expect(created.status).toBe(200);
    return { slug: created.body.slug as string, secret: s };
  };
  const pk = (key: string, options: Record<string, unknown>) => new Portkey({ apiKey: key, baseURL: stack.apiUrl, ...options });
  const chat = (key: string, headers: Record<string, string>, body: Record<string, unknown> = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }) =>
    fetch(`${stack.apiUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-portkey-api-key': key, ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    stack = await startStack({}, { logger: logs });
    up = { a: await fakeOpenAi('a'), b: await fakeOpenAi('b'), anthropic: await fakeAnthropic() };
    ws.a = await workspace('Completions A');
    ws.b = await workspace('Completions B');
    ws.c = await workspace('Completions C');
    vk.a = await virtualKey(ws.a.id, 'openai', up.a.url, 'vk-a');
    vk.b = await virtualKey(ws.a.id, 'openai', up.b.url, 'vk-b');
    vk.anthropic = await virtualKey(ws.a.id, 'anthropic', up.anthropic.url, 'vk-anthropic');
    vk.other = await virtualKey(ws.b.id, 'openai', up.a.url, 'vk-other');
    vk.c = await virtualKey(ws.c.id, 'openai', up.a.url, 'vk-c');
  }, 90_000);
  afterAll(async () => {
    await stack?.stop();
    await Promise.all(Object.values(up ?? {}).map((u) => u.close()));
  });

  it('a chat completion reaches the upstream with the decrypted provider secret and comes back OpenAI-shaped', async () => {
    const answer = await pk(ws.a.key, { virtualKey: vk.a.slug }).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hello' }] });
    expect(answer.choices[0]!.message!.content).toBe('a:hello');
    expect(answer.usage).toMatchObject({ total_tokens: 30 });
    expect(up.a.seen.at(-1)!.headers.authorization).toBe(`Bearer ${vk.a.secret}`);
    expect(up.a.seen.at(-1)!.headers['x-portkey-api-key']).toBeUndefined();
  });

  it('a streamed chat arrives chunk by chunk', async () => {
    const stream = await pk(ws.a.key, { virtualKey: vk.a.slug }).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'streamed' }], stream: true });
    const parts: string[] = [];
    for await (const chunk of stream as AsyncIterable<{ choices: { delta?: { content?: string } }[] }>) parts.push(chunk.choices[0]?.delta?.content ?? '');
    expect(parts.join('')).toBe('astreamed');
    expect(parts.filter(Boolean).length).toBeGreaterThan(1);
  });

  it('a stream’s first byte leaves before the upstream finishes', async () => {
    const started = Date.now();
    const res = await chat(ws.a.key, { 'x-portkey-virtual-key': vk.a.slug }, { model: 'slow-model', messages: [{ role: 'user', content: 'x' }], stream: true });
    const reader = res.body!.getReader();
    const first = await reader.read();
    const firstByteMs = Date.now() - started;
    expect(new TextDecoder().decode(first.value)).toContain('chat.completion.chunk');
    while (!(await reader.read()).done);
    expect(firstByteMs).toBeLessThan(400);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
  });

  it('once the key, virtual key and config are cached, a completion makes no RPC', async () => {
    const config = JSON.stringify({ strategy: { mode: 'fallback' }, targets: [{ virtual_key: vk.a.slug }, { virtual_key: vk.b.slug }] });
    // The gateway's RPCs by subject (the scrape's own fan-out to the services left out).
    const rpcCalls = async () => {
      const text = await (await fetch(`${stack.baseUrl}/metrics`)).text();
      return Object.fromEntries(parsePrometheus(text).samples.filter((s) => s.name === 'portcullis_rpc_client_duration_seconds_count' && !s.labels.subject?.endsWith('.metrics.scrape')).map((s) => [JSON.stringify(s.labels), s.value]));
    };
    expect((await chat(ws.a.key, { 'x-portkey-config': config })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    const before = await rpcCalls();
    for (let i = 0; i < 20; i++) expect((await chat(ws.a.key, { 'x-portkey-config': config })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(await rpcCalls()).toEqual(before);
  });

  it('Anthropic is translated both ways, streaming included', async () => {
    const client = pk(ws.a.key, { virtualKey: vk.anthropic.slug });
    const answer = await client.chat.completions.create({ model: 'claude-3-5-haiku', messages: [{ role: 'system', content: 'brief' }, { role: 'user', content: 'hey' }] });
    expect(answer.choices[0]!.message!.content).toBe('anthropic:hey');
    expect(answer.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 9, total_tokens: 16 });
    expect(up.anthropic.seen.at(-1)!.headers['x-api-key']).toBe(vk.anthropic.secret);
    expect(up.anthropic.seen.at(-1)!.body).toMatchObject({ system: 'brief', messages: [{ role: 'user', content: 'hey' }] });
    const stream = await client.chat.completions.create({ model: 'claude-3-5-haiku', messages: [{ role: 'user', content: 'flow' }], stream: true });
    let text = '';
    for await (const chunk of stream as AsyncIterable<{ choices: { delta?: { content?: string } }[] }>) text += chunk.choices[0]?.delta?.content ?? '';
    expect(text).toBe('anthropic:flow');
  });

  it('embeddings go through', async () => {
    const answer = await pk(ws.a.key, { virtualKey: vk.a.slug }).embeddings.create({ model: 'text-embedding-3-small', input: 'x' });
    expect(answer.data![0]!.embedding).toEqual([0.1, 0.2, 0.3]);
  });

  it('a prompt is rendered by the workspaces service, then completed', async () => {
    const cols = await http(stack, 'GET', `/collections?workspace_id=${ws.a.id}`, { key: stack.adminKey });
    const collection = cols.body.data.find((c: { is_default: number }) => c.is_default === 1).id;
    const prompt = await http(stack, 'POST', '/prompts', { key: stack.adminKey, body: { name: 'Greeter', collection_id: collection, string: JSON.stringify([{ role: 'user', content: 'Hi {{name}}' }]), parameters: {}, model: 'gpt-4o-mini', virtual_key: vk.a.slug } });
    expect(prompt.status).toBe(200);
    const answer = await pk(ws.a.key, { virtualKey: vk.a.slug }).prompts.completions.create({ promptID: prompt.body.id, variables: { name: 'Ada' } });
    expect((answer as unknown as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('a:Hi Ada');
    // No routing header: the prompt's own virtual key.
    const own = await pk(ws.a.key, {}).prompts.completions.create({ promptID: prompt.body.id, variables: { name: 'Bo' } });
    expect((own as unknown as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('a:Hi Bo');
    const foreign = await fetch(`${stack.apiUrl}/prompts/${prompt.body.id}/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-portkey-api-key': ws.b.key, 'x-portkey-virtual-key': vk.other.slug }, body: JSON.stringify({ variables: { name: 'Eve' } }) });
    expect(foreign.status).toBeGreaterThanOrEqual(403);
    expect(foreign.status).toBeLessThan(500);
  });

  it('a client that disconnects mid-stream does not break the gateway, and the next call is served', async () => {
    const controller = new AbortController();
    const res = await chat(ws.a.key, { 'x-portkey-virtual-key': vk.a.slug }, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'bye' }], stream: true });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort();
    await reader.cancel();
    expect((await chat(ws.a.key, { 'x-portkey-virtual-key': vk.a.slug })).status).toBe(200);
  });

  it('a fallback config recovers from a 503 target', async () => {
    up.a.failNext(1, 503);
    const config = { strategy: { mode: 'fallback', on_status_codes: [503] }, targets: [{ virtual_key: vk.a.slug }, { virtual_key: vk.b.slug }] };
    const res = await chat(ws.a.key, { 'x-portkey-config': JSON.stringify(config) });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]!.message.content).toBe('b:hi');
    expect(res.headers.get('x-portkey-last-used-option-index')).toBe('config.targets[1]');
    expect(res.headers.get('x-portkey-trace-id')).toBeTruthy();
  });

  it('loadbalance splits 1,000 calls within ±5% of the weights', async () => {
    const before = { a: up.a.seen.length, b: up.b.seen.length };
    const config = JSON.stringify({ strategy: { mode: 'loadbalance' }, targets: [{ virtual_key: vk.a.slug, weight: 0.7 }, { virtual_key: vk.b.slug, weight: 0.3 }] });
    let next = 0;
    await Promise.all(Array.from({ length: 16 }, async () => {
      while (next++ < 1000) expect((await chat(ws.a.key, { 'x-portkey-config': config })).status).toBe(200);
    }));
    const share = (up.a.seen.length - before.a) / 1000;
    expect(up.a.seen.length - before.a + up.b.seen.length - before.b).toBe(1000);
    expect(share).toBeGreaterThan(0.65);
    expect(share).toBeLessThan(0.75);
  }, 120_000);

  it('a retry honours retry-after', async () => {
    up.a.failNext(1, 429, '1');
    const started = Date.now();
    const res = await chat(ws.a.key, { 'x-portkey-config': JSON.stringify({ retry: { attempts: 2, on_status_codes: [429] }, virtual_key: vk.a.slug }) });
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(res.headers.get('x-portkey-retry-attempt-count')).toBe('1');
  });

  it('the simple cache answers a repeated call without calling the upstream', async () => {
    const config = JSON.stringify({ cache: { mode: 'simple', max_age: 60 }, virtual_key: vk.a.slug });
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `cache-${randomBytes(4).toString('hex')}` }] };
    const first = await chat(ws.a.key, { 'x-portkey-config': config }, body);
    expect(first.headers.get('x-portkey-cache-status')).toBe('MISS');
    const seen = up.a.seen.length;
    const second = await chat(ws.a.key, { 'x-portkey-config': config }, body);
    expect(second.headers.get('x-portkey-cache-status')).toBe('HIT');
    expect(await second.json()).toEqual(await first.json());
    expect(up.a.seen.length).toBe(seen);
  });

  it('an admin key is refused with a 403 that says a workspace key is needed', async () => {
    const refused = await sdkError(pk(stack.adminKey, { virtualKey: vk.a.slug }).chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }] }));
    expect(refused.status).toBe(403);
    const raw = await chat(stack.adminKey, { 'x-portkey-virtual-key': vk.a.slug });
    expect(await raw.json()).toMatchObject({ success: false, data: { errorCode: 'AB03', message: expect.stringContaining('workspace API key') } });
  });

  it('a key of workspace A can never use B’s virtual keys or configs', async () => {
    const res = await chat(ws.a.key, { 'x-portkey-virtual-key': vk.other.slug });
    expect(res.status).toBe(403);
    const config = await http(stack, 'POST', '/configs', { key: stack.adminKey, body: { name: 'B only', config: { virtual_key: vk.other.slug }, workspace_id: ws.b.id } });
    expect(config.status).toBe(200);
    expect((await chat(ws.b.key, { 'x-portkey-config': config.body.slug })).status).toBe(200);
    const cross = await chat(ws.a.key, { 'x-portkey-config': config.body.slug });
    expect(cross.status).toBe(403);
    expect(await cross.json()).toMatchObject({ success: false, data: { errorCode: 'AB03' } });
  });

  it('bad input is a 400 in the envelope, never a 500', async () => {
    const res = await chat(ws.a.key, { 'x-portkey-virtual-key': vk.a.slug }, { model: 'gpt-4o-mini', messages: 'nope' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ success: false, data: { errorCode: 'AB01' } });
    const noRoute = await chat(ws.a.key, {});
    expect(noRoute.status).toBe(400);
    const badConfig = await chat(ws.a.key, { 'x-portkey-config': '{not json' });
    expect(badConfig.status).toBe(400);
  });

  it('with a LimitsPort, each call is admitted before the upstream and settled after; a denial is the envelope with retry-after; a failing settle fails nothing', async () => {
    const admitted: AdmissionRequest[] = [];
    const settled: CallUsage[] = [];
    const limits: LimitsPort = {
      async admit(request) {
        admitted.push(request);
        if (admitted.length > 2) return { allow: false, status: 429, errorCode: 'AB06', message: 'rate limit exceeded', retryAfterSeconds: 7 };
        return { allow: true, ticket: { id: `t${admitted.length}`, entries: [] } };
      },
      async settle(_ticket, usage) {
        settled.push(usage);
        if (settled.length === 2) throw new Error('limits store down');
      },
    };
    const replica = await stack.extraGateway({ limits });
    try {
      const call = () => fetch(`${replica.apiUrl}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-portkey-api-key': ws.a.key, 'x-portkey-virtual-key': vk.a.slug, 'x-portkey-metadata': '{"team":"x"}' }, body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'limited' }] }) });
      const seen = up.a.seen.length;
      expect((await call()).status).toBe(200);
      expect((await call()).status).toBe(200);
      const denied = await call();
      expect(denied.status).toBe(429);
      expect(denied.headers.get('retry-after')).toBe('7');
      expect(await denied.json()).toEqual({ success: false, data: { message: 'rate limit exceeded', errorCode: 'AB06' } });
      expect(up.a.seen.length).toBe(seen + 2);
      expect(admitted[0]).toMatchObject({ orgId: stack.orgId, workspaceId: ws.a.id, apiKeyId: expect.any(String), providerId: expect.any(String), metadata: { team: 'x' }, now: expect.any(Number) });
      await eventually(async () => expect(settled).toHaveLength(2));
      expect(settled[0]!.totalTokens).toBe(30);
      expect(settled[0]!.costCents).toBeCloseTo(costCents('openai', 'gpt-4o-mini', { promptTokens: 10, completionTokens: 20, totalTokens: 30 }));
    } finally {
      await replica.close();
    }
  });

  it('a revoked key and a deleted virtual key are refused on their next request', async () => {
    const key = await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'short-lived', scopes: SCOPES, workspace_id: ws.a.id } });
    secrets.push(key.body.key);
    const doomed = await virtualKey(ws.a.id, 'openai', up.a.url, 'vk-doomed');
    expect((await chat(key.body.key, { 'x-portkey-virtual-key': doomed.slug })).status).toBe(200);
    expect((await http(stack, 'DELETE', `/virtual-keys/${doomed.slug}?workspace_id=${ws.a.id}`, { key: stack.adminKey })).status).toBe(200);
    expect((await chat(key.body.key, { 'x-portkey-virtual-key': doomed.slug })).status).toBe(403);
    expect((await http(stack, 'DELETE', `/api-keys/${key.body.id}`, { key: stack.adminKey })).status).toBe(200);
    expect((await chat(key.body.key, { 'x-portkey-virtual-key': vk.a.slug })).status).toBe(401);
  });

  it('N calls leave exactly N records on the LOGS stream, with tokens and cost, and no secret anywhere in LOGS', async () => {
    const N = 7;
    for (let i = 0; i < N; i++) {
      const res = await chat(ws.c.key, { 'x-portkey-virtual-key': vk.c.slug, 'x-portkey-metadata': JSON.stringify({ run: 'logs' }), authorization: `Bearer ${secret('caller')}` });
      expect(res.status).toBe(200);
    }
    const nc = await connect({ servers: stack.config.natsUrl });
    try {
      const jsm = await jetstreamManager(nc);
      const read = async () => {
        const info = await jsm.streams.info(stack.config.logsStream);
        const all: { subject: string; text: string }[] = [];
        for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
          const m = await jsm.streams.getMessage(stack.config.logsStream, { seq }).catch(() => null);
          if (m) all.push({ subject: m.subject, text: m.string() });
        }
        return all;
      };
      const subject = logSubject(stack.config.logsSubjectPrefix, ws.c.id);
      const mine = await eventually(async () => {
        const found = (await read()).filter((m) => m.subject === subject);
        expect(found.length).toBe(N);
        return found.map((m) => JSON.parse(m.text) as RequestLog);
      });
      const price = costCents('openai', 'gpt-4o-mini', { promptTokens: 10, completionTokens: 20, totalTokens: 30 });
      for (const r of mine) {
        expect(r).toMatchObject({ workspaceId: ws.c.id, route: 'chat.completions', virtualKey: vk.c.slug, aiProvider: 'openai', model: 'gpt-4o-mini', promptTokens: 10, completionTokens: 20, totalTokens: 30, status: 200, upstreamStatus: 200, stream: false, metadata: { run: 'logs' } });
        expect(r.costCents).toBeCloseTo(price);
      }
      expect(new Set(mine.map((r) => r.id)).size).toBe(N);
      const everything = (await read()).map((m) => m.text).join('\n');
      for (const s of secrets) expect(everything).not.toContain(s);
      // Nor in any log line of any app.
      const logged = logs.lines.join('\n');
      expect(logs.lines.length).toBeGreaterThan(0);
      for (const s of secrets) expect(logged).not.toContain(s);
    } finally {
      await nc.close();
    }
  }, 60_000);
});
