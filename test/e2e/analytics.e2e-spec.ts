import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { Portkey } from 'portkey-ai';
import { costCents } from '#libs/routing';
import { eventually } from '#libs/testing';
import { http, inviteAndAccept, sdkError } from '../support/clients.js';
import { fakeOpenAi, type FakeUpstream } from '../support/fake-upstreams.js';
import { startStack, type Stack } from '../support/stack.js';

const SCOPES = ['completions.write', 'logs.write', 'logs.view', 'analytics.view'];
const PRICE = costCents('openai', 'gpt-4o-mini', { promptTokens: 10, completionTokens: 20, totalTokens: 30 });
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Every graph under its SDK (hyphenated) path and the spec's slashed one: the same answer. */
const SPELLINGS: Array<[string, string]> = [
  ['graphs/users-requests', 'graphs/users/requests'],
  ['graphs/errors-rate', 'graphs/errors/rate'],
  ['graphs/errors-stack', 'graphs/errors/stacks'],
  ['graphs/errors-status-code', 'graphs/errors/status-codes'],
  ['graphs/requests-rescued', 'graphs/requests/rescued'],
  ['graphs/cache-hit-rate', 'graphs/cache/hit-rate'],
  ['graphs/cache-latency', 'graphs/cache/latency'],
  ['graphs/feedbacks/score', 'graphs/feedbacks/scores'],
  ['groups/provider', 'groups/provider'],
];

// Both real adapters behind the same routes: the embedded DuckDB default and MongoDB buckets.
const ENGINES = ['duckdb', 'mongo'] as const;

describe.each(ENGINES)('analytics (§2.13) through the gateway with the official SDK, %s store', (engine) => {
  let stack: Stack;
  let up: FakeUpstream;
  const ws: Record<'a' | 'b', { id: string; slug: string; key: string; vk: string }> = {} as never;
  const traceId = randomUUID();
  const statusesA: number[] = [];
  let range: { time_of_generation_min: string; time_of_generation_max: string };
  const pk = (key: string) => new Portkey({ apiKey: key, baseURL: stack.apiUrl });
  const chat = (w: 'a' | 'b', headers: Record<string, string> = {}) =>
    fetch(`${stack.apiUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-api-key': ws[w].key, 'x-portkey-virtual-key': ws[w].vk, ...headers },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
  const workspace = async (name: string) => {
    const created = await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name } });
    const key = await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: `${name} svc`, scopes: SCOPES, workspace_id: created.body.id } });
    const vk = await http(stack, 'POST', '/virtual-keys', { key: stack.adminKey, body: { name: `${name} vk`, provider: 'openai', key: `sk-${randomUUID()}`, workspace_id: created.body.id, custom_host: `${up.url}/v1` } });
    expect([created.status, key.status, vk.status]).toEqual([200, 200, 200]);
    return { id: created.body.id as string, slug: created.body.slug as string, key: key.body.key as string, vk: vk.body.slug as string };
  };
  const get = (path: string, key: string, query: Record<string, string | number> = {}) =>
    http(stack, 'GET', `/analytics/${path}?${new URLSearchParams({ ...range, ...Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])) })}`, { key });

  beforeAll(async () => {
    stack = await startStack({ analyticsEngine: engine });
    up = await fakeOpenAi('a');
    ws.a = await workspace('Analytics A');
    ws.b = await workspace('Analytics B');
    const from = new Date(Date.now() - 60_000);
    for (const headers of <Array<Record<string, string>>>[
      { 'x-portkey-metadata': JSON.stringify({ env: 'prod', _user: 'alice' }) },
      { 'x-portkey-metadata': JSON.stringify({ env: 'prod', _user: 'alice' }) },
      { 'x-portkey-metadata': JSON.stringify({ env: 'dev' }), 'x-portkey-trace-id': traceId },
    ]) statusesA.push((await chat('a', headers)).status);
    up.failNext(1, 400);
    statusesA.push((await chat('a')).status);
    for (let i = 0; i < 2; i++) expect((await chat('b')).status).toBe(200);
    // B also sends one call twice through the simple cache: a MISS, then a HIT.
    const cached = JSON.stringify({ cache: { mode: 'simple', max_age: 600 }, virtual_key: ws.b.vk });
    const content = `cache-${randomUUID()}`;
    for (const expected of ['MISS', 'HIT']) {
      const res = await fetch(`${stack.apiUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-portkey-api-key': ws.b.key, 'x-portkey-config': cached },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] }),
      });
      expect([res.status, res.headers.get('x-portkey-cache-status')]).toEqual([200, expected]);
    }
    await pk(ws.a.key).feedback.create({ traceID: traceId, value: 5, weight: 1 });
    range = { time_of_generation_min: from.toISOString(), time_of_generation_max: new Date(Date.now() + 60_000).toISOString() };
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await up?.close();
  });

  it('every portkey.analytics.* method answers with the right counts, tokens and cost', async () => {
    const a = pk(ws.a.key).analytics;
    const errorsA = statusesA.filter((s) => s >= 400).length;
    expect(statusesA.slice(0, 3)).toEqual([200, 200, 200]);
    expect(errorsA).toBe(1);
    // The store catches up before answering; feedback arrives through the event feed, so poll once for it.
    await eventually(async () => ((await a.graphs.feedbacks(range)) as any).summary.total === 1);

    const requests = (await a.graphs.requests(range)) as any;
    expect(requests).toMatchObject({ object: 'analytics-graph', summary: { total: 4 } });
    expect(requests.data_points.reduce((n: number, p: any) => n + p.total, 0)).toBe(4);
    expect(requests.data_points.length).toBeGreaterThanOrEqual(2);
    for (const p of requests.data_points) expect(p.timestamp).toMatch(RFC3339);

    expect((await a.graphs.tokens(range)) as any).toMatchObject({ summary: { total: 90, avg: 22.5 } });
    const cost = (await a.graphs.cost(range)) as any;
    expect(cost.summary.total).toBeCloseTo(3 * PRICE, 9);
    expect(cost.summary.avg).toBeCloseTo((3 * PRICE) / 4, 9);
    const latency = ((await a.graphs.latency(range)) as any).summary;
    expect(latency).toEqual({ avg: expect.any(Number), p50: expect.any(Number), p90: expect.any(Number), p99: expect.any(Number) });
    expect(latency.p50).toBeLessThanOrEqual(latency.p99);
    expect(((await a.graphs.users(range)) as any).summary).toEqual({ total: 1 });
    expect(((await a.graphs.usersRequests(range)) as any).summary).toEqual({ total: 4, unique: 1, avg: 4 });
    expect(((await a.graphs.errors(range)) as any).summary).toEqual({ total: 1 });
    expect(((await a.graphs.errors_rate(range)) as any).summary).toEqual({ rate: 25 });
    expect(((await a.graphs.errors_stack(range)) as any).summary).toEqual({ total: 1 });
    const codes = (await a.graphs.errors_status_code(range)) as any;
    expect(codes.summary).toEqual({ total_errors: 1, unique_error_codes: 1 });
    expect(codes.data_points).toEqual([{ status_code: statusesA[3], count: 1 }]);
    expect(((await a.graphs.requests_rescued(range)) as any).summary).toEqual({ retry: 0, fallback: 0 });
    expect(((await a.graphs.cache_hit_rate(range)) as any).summary).toEqual({ total: 0, rate: 0 });
    expect(((await a.graphs.cache_latency(range)) as any).summary).toEqual({});
    expect(((await a.summary.cache(range)) as any)).toMatchObject({ object: 'analytics-summary', summary: { hits: 0, total_requests: 4, cache_speedup: 0 } });

    expect(((await a.graphs.feedbacks_score(range)) as any).data_points).toEqual([{ score: 5, total: 1 }]);
    expect(((await a.graphs.feedbacks_weighted(range)) as any).summary).toEqual({ avg: 5 });
    expect(((await a.graphs.feedback_ai_models(range)) as any).data_points).toEqual([{ ai_model: 'gpt-4o-mini', total: 1, avg_weighted_feedback: 5 }]);

    expect((await a.groups.users(range)) as any).toMatchObject({ object: 'list', total: 1, data: [{ user: 'alice', requests: 2, object: 'analytics-group' }] });
    expect(((await a.groups.users(range)) as any).data[0].cost).toBeCloseTo(2 * PRICE, 9);
    expect(((await a.groups.aiModels(range)) as any).data).toEqual([{ ai_model: 'gpt-4o-mini', requests: 4, object: 'analytics-group' }]);
    const env = (await a.groups.metadata('env', range)) as any;
    expect(env.data.map((r: any) => [r.metadata_value, r.requests, r.requests_with_feedback])).toEqual([['prod', 2, 0], ['dev', 1, 1]]);
    expect(env.data[1]).toMatchObject({ avg_weighted_feedback: 5, avg_tokens: 30, last_seen: expect.stringMatching(RFC3339) });
    expect(((await a.groups.workspaces(range)) as any).data).toEqual([expect.objectContaining({ workspace_id: ws.a.id, workspace_slug: ws.a.slug, requests: 4 })]);
    expect(((await a.groups.groupedData('ai_service', { ...range, columns: 'requests,error_count,total_tokens' })) as any).data).toEqual([
      { ai_service: 'openai', requests: 4, error_count: 1, total_tokens: 90, object: 'analytics-group' },
    ]);
    const byStatus = (await a.groups.groupedData('status_code', { ...range, page_size: 1, current_page: 0 })) as any;
    expect(byStatus).toMatchObject({ total: 2, data: [{ status_code: '200', requests: 3 }] });
  });

  it('a workspace key of A never sees B’s numbers, whatever workspace_slug it passes', async () => {
    const total = async (key: string, extra: Record<string, string> = {}) => ((await pk(key).analytics.graphs.requests({ ...range, ...extra })) as any).summary.total;
    expect(await total(ws.a.key)).toBe(4);
    expect(await total(ws.a.key, { workspace_slug: ws.b.slug })).toBe(4);
    expect(await total(ws.b.key)).toBe(4);
    expect(((await pk(ws.b.key).analytics.graphs.feedbacks(range)) as any).summary.total).toBe(0);
  });

  it('cache graphs and the cache summary count the simple cache’s hit', async () => {
    const b = pk(ws.b.key).analytics;
    const rate = (await b.graphs.cache_hit_rate(range)) as any;
    expect(rate.summary).toEqual({ total: 1, rate: 25 });
    expect(rate.data_points.reduce((n: number, p: any) => n + p.simple_hits, 0)).toBe(1);
    expect(rate.data_points.reduce((n: number, p: any) => n + p.semantic_hits, 0)).toBe(0);
    // The hit cost nothing and saved what the answer it replayed cost.
    expect(rate.data_points.at(-1).cumulative_simple_cache_savings).toBeCloseTo(PRICE, 9);
    expect(((await b.graphs.cost(range)) as any).summary.total).toBeCloseTo(3 * PRICE, 9);
    expect(((await b.summary.cache(range)) as any).summary).toMatchObject({ hits: 1, total_requests: 4, avg_latency: expect.any(Number) });
    const latency = (await b.graphs.cache_latency(range)) as any;
    expect(latency.data_points.some((p: any) => p.avg >= 0 && p.miss_avg > 0)).toBe(true);
    expect((await b.groups.groupedData('model', { ...range, columns: 'requests,cache_hit_rate' })) as any).toMatchObject({ data: [{ model: 'gpt-4o-mini', requests: 4, cache_hit_rate: 25 }] });
  });

  it('an admin key sees every workspace and narrows with workspace_slug; a foreign slug is refused', async () => {
    const admin = pk(stack.adminKey).analytics;
    expect(((await admin.graphs.requests(range)) as any).summary.total).toBe(8);
    expect(((await admin.graphs.requests({ ...range, workspace_slug: ws.a.slug })) as any).summary.total).toBe(4);
    expect(((await admin.graphs.requests({ ...range, workspace_slug: ws.b.slug })) as any).summary.total).toBe(4);
    const groups = ((await admin.groups.workspaces(range)) as any).data.map((r: any) => [r.workspace_slug, r.requests]);
    expect(groups.sort()).toEqual([[ws.a.slug, 4], [ws.b.slug, 4]].sort());
    const other = await stack.createOrganisation(`Analytics Other ${engine}`, `other-analytics-${engine}@example.com`);
    const foreign = await sdkError(pk(other.adminKey).analytics.graphs.requests({ ...range, workspace_slug: ws.a.slug }));
    expect(foreign.status).toBe(403);
    expect(((await pk(other.adminKey).analytics.graphs.requests(range)) as any).summary.total).toBe(0);
  });

  it('a missing or bad time range and bad filters are 400s naming the parameter', async () => {
    const missing = await sdkError(pk(ws.a.key).analytics.graphs.requests({} as never));
    expect(missing.status).toBe(400);
    expect(missing.error.data.errorCode).toBe('AB01');
    expect(missing.error.data.message).toContain('time_of_generation_min');
    const noMax = await http(stack, 'GET', `/analytics/graphs/cost?time_of_generation_min=${encodeURIComponent(range.time_of_generation_min)}`, { key: ws.a.key });
    expect(noMax.status).toBe(400);
    expect(noMax.body.data.message).toContain('time_of_generation_max');
    for (const [query, field] of [
      [{ metadata: '{"a":{"b":1}}' }, 'metadata'],
      [{ status_code: 'x' }, 'status_code'],
      [{ ai_org_model: 'no-separator' }, 'ai_org_model'],
      [{ cost_min: 'cheap' }, 'cost_min'],
      [{ page_size: 100_000 }, 'page_size'],
    ] as const) {
      const res = await get('groups/users', ws.a.key, query as never);
      expect({ field, status: res.status, code: res.body.data?.errorCode }).toEqual({ field, status: 400, code: 'AB01' });
      expect(res.body.data.message).toContain(field);
    }
    expect((await get('groups/nonsense', ws.a.key)).status).toBe(400);
    expect((await get('groups/NOPE.x', ws.a.key)).status).toBe(400);
  });

  it('odd input is answered, never with a 5xx', async () => {
    const odd = await get(`groups/metadata/${encodeURIComponent('it\'s "odd" ☃ %')}`, ws.a.key);
    expect(odd).toMatchObject({ status: 200, body: { total: 0, data: [] } });
    const values = ['', ' ', "'; drop table logs; --", '\u0000', 'é'.repeat(300), '{"x":"y"}', '1e309', '-1', ',,,', 'null', '[]'];
    const params = ['status_code', 'virtual_keys', 'configs', 'api_key_ids', 'ai_org_model', 'trace_id', 'span_id', 'prompt_slug', 'cache_status', 'metadata', 'cost_min', 'weighted_feedback_max', 'workspace_slug', 'order_by', 'columns', 'page_size', 'current_page', 'include_total'];
    const seen = new Set<number>();
    for (const param of params) {
      for (const value of values) {
        const res = await get(param === 'columns' ? 'groups/model' : 'groups/users', stack.adminKey, { [param]: value });
        seen.add(res.status);
        expect({ param, value, status: res.status < 500 }).toEqual({ param, value, status: true });
      }
    }
    expect([...seen].sort()).toEqual(expect.arrayContaining([200, 400]));
  });

  it('both spellings answer the same, and every answer says how far the store is behind', async () => {
    for (const [hyphen, slash] of SPELLINGS) {
      const [x, y] = await Promise.all([get(hyphen, ws.a.key), get(slash, ws.a.key)]);
      expect({ hyphen, status: x.status }).toEqual({ hyphen, status: 200 });
      expect(y.body).toEqual(x.body);
    }
    const res = await fetch(`${stack.apiUrl}/analytics/graphs/requests?${new URLSearchParams(range)}`, { headers: { 'x-portkey-api-key': ws.a.key } });
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('x-portcullis-analytics-lag'))).toBeGreaterThanOrEqual(0);
  });

  it('groups/members: usage per workspace member, for managers and admins only', async () => {
    const member = await inviteAndAccept(stack, stack.adminKey, { email: `member-${randomUUID().slice(0, 8)}@example.com`, role: 'member', workspaces: [{ id: ws.a.id, role: 'member' }] });
    const manager = await inviteAndAccept(stack, stack.adminKey, { email: `manager-${randomUUID().slice(0, 8)}@example.com`, role: 'member', workspaces: [{ id: ws.a.id, role: 'manager' }] });
    const memberKey = member.api_keys.find((k) => k.workspace_id === ws.a.id)!.key;
    const managerKey = manager.api_keys.find((k) => k.workspace_id === ws.a.id)!.key;
    expect((await get('groups/members', memberKey)).status).toBe(403);
    // A member may still read the workspace's graphs (analytics.view is a member right).
    expect((await get('graphs/requests', memberKey)).body.summary.total).toBe(4);
    const asManager = await eventually(async () => {
      const res = await get('groups/members', managerKey);
      return res.status === 200 && res.body.total >= 2 ? res : false;
    });
    expect(asManager.body.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ user_id: member.id, email: member.email, role: 'member', requests: 0, cost: 0, errors: 0, last_seen: null, object: 'analytics-group' }),
        expect.objectContaining({ user_id: manager.id, role: 'manager' }),
      ]),
    );
    const asAdmin = await get('groups/members', stack.adminKey, { workspace_slug: ws.b.slug });
    expect(asAdmin.body.data.map((r: any) => r.user_id)).not.toContain(member.id);
  });
});
