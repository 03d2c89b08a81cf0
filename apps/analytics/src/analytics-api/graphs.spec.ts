import { beforeAll, describe, expect, it } from '@jest/globals';
import { feedback, iso, log, minutes, ORG, scopeOver, T0 } from '../../../../test/support/analytics-api-data.js';
import { viewRunner } from './analytics-catalog.js';
import { GRAPHS } from './graphs.js';
import type { AnalyticsScope } from './series.js';

// Five logs in range (two workspaces covered), three outside it (time, tenancy, organisation);
// three feedbacks in range. Every expectation below is worked out by hand from these.
const l1 = log({ at: minutes(0), user: 'u1' });
const l2 = log({ at: minutes(0), user: 'u2', status: 500, costCents: 0, totalTokens: 0, latencyMs: 300, retries: 1 });
const l3 = log({ at: minutes(5), cacheStatus: 'HIT', costCents: 4, savedCents: 4, latencyMs: 20, fallbackIndex: 1 });
const l4 = log({ at: minutes(5), status: 429, cacheStatus: 'SEMANTIC_HIT', costCents: 6, savedCents: 6, latencyMs: 40, retries: 2 });
const l5 = log({ at: minutes(59) + 59_999, workspaceId: 'ws-b', user: null, aiProvider: 'anthropic', model: 'claude-3-5-haiku' });
const outside = [log({ at: minutes(60) }), log({ workspaceId: 'ws-c' }), log({ orgId: 'org-2' })];
const fbs = [
  feedback({ traceId: l1.traceId, value: 5, weight: 1, at: minutes(1) }),
  feedback({ traceId: l1.traceId, value: 3, weight: 0.5, at: minutes(1) }),
  feedback({ traceId: l5.traceId, workspaceId: 'ws-b', value: 1, weight: 1, at: minutes(59) }),
  feedback({ workspaceId: 'ws-c', at: minutes(2) }),
  feedback({ orgId: 'org-2', at: minutes(2) }),
];

describe('analytics graphs shaped from the store port', () => {
  let s: AnalyticsScope;
  beforeAll(async () => {
    s = await scopeOver([l1, l2, l3, l4, l5, ...outside], fbs);
  });
  const run = (name: string) => GRAPHS[name]!(s);
  const at = (points: Array<Record<string, unknown>>, i: number) => points[i]!;

  it('every bucket of the range is present, zeros included, with RFC 3339 timestamps', async () => {
    const g = await run('requests');
    expect(g.object).toBe('analytics-graph');
    expect(g.data_points).toHaveLength(60);
    expect(g.data_points.map((p) => p.timestamp)).toEqual(Array.from({ length: 60 }, (_, i) => iso(T0 + i * 60_000)));
    expect(g.summary).toEqual({ total: 5 });
    expect(g.data_points.map((p) => p.total)).toEqual(Array.from({ length: 60 }, (_, i) => ({ 0: 2, 5: 2, 59: 1 })[i] ?? 0));
  });

  it('cost, tokens and latency', async () => {
    expect((await run('cost')).summary).toEqual({ total: 14, avg: 2.8 });
    expect(at((await run('cost')).data_points, 5)).toMatchObject({ total: 10, avg: 5 });
    expect((await run('tokens')).summary).toEqual({ total: 120, avg: 24 });
    const latency = await run('latency');
    expect(latency.summary).toEqual({ avg: 112, p50: 100, p90: 300, p99: 300 });
    expect(at(latency.data_points, 0)).toMatchObject({ avg: 200, p50: 100, p90: 300 });
    expect(at(latency.data_points, 1)).toMatchObject({ avg: 0, p50: 0, p90: 0, p99: 0 });
  });

  it('users and requests per user', async () => {
    const users = await run('users');
    expect(users.summary).toEqual({ total: 2 });
    expect([0, 5, 59].map((i) => at(users.data_points, i).total)).toEqual([2, 1, 0]);
    const ur = await run('users-requests');
    expect(ur.summary).toEqual({ total: 5, unique: 2, avg: 2.5 });
    expect([0, 5, 59, 7].map((i) => at(ur.data_points, i).avg)).toEqual([1, 2, 0, 0]);
  });

  it('errors, their rate, stack and status codes', async () => {
    expect((await run('errors')).summary).toEqual({ total: 2 });
    const rate = await run('errors-rate');
    expect(rate.summary).toEqual({ rate: 40 });
    expect([0, 5, 59].map((i) => at(rate.data_points, i).rate)).toEqual([50, 50, 0]);
    const stack = await run('errors-stack');
    expect(stack.summary).toEqual({ total: 2 });
    expect(at(stack.data_points, 0)).toEqual({ timestamp: iso(T0), stats: [{ response_status_code: 500, count: 1 }] });
    expect(at(stack.data_points, 5).stats).toEqual([{ response_status_code: 429, count: 1 }]);
    expect(at(stack.data_points, 59).stats).toEqual([]);
    const codes = await run('errors-status-code');
    expect(codes).toEqual({ object: 'analytics-graph', summary: { total_errors: 2, unique_error_codes: 2 }, data_points: [{ status_code: 429, count: 1 }, { status_code: 500, count: 1 }] });
  });

  it('requests rescued by retries and fallbacks', async () => {
    const g = await run('requests-rescued');
    expect(g.summary).toEqual({ retry: 2, fallback: 1 });
    expect(at(g.data_points, 0)).toMatchObject({ retry: [{ retry_success_count: 0, count: 1 }], fallback: 0 });
    expect(at(g.data_points, 5)).toMatchObject({ retry: [{ retry_success_count: 0, count: 1 }], fallback: 1, fallback_success_count: 1 });
  });

  it('cache hit rate with cumulative savings, cache latency and the cache summary', async () => {
    const g = await run('cache-hit-rate');
    expect(g.summary).toEqual({ total: 2, rate: 40 });
    expect(at(g.data_points, 0)).toMatchObject({ simple_hits: 0, semantic_hits: 0, rate: 0, cumulative_simple_cache_savings: 0, cumulative_semantic_cache_savings: 0 });
    expect(at(g.data_points, 5)).toMatchObject({ simple_hits: 1, semantic_hits: 1, rate: 100, cumulative_simple_cache_savings: 4, cumulative_semantic_cache_savings: 6 });
    expect(at(g.data_points, 59)).toMatchObject({ rate: 0, cumulative_simple_cache_savings: 4, cumulative_semantic_cache_savings: 6 });
    const latency = await run('cache-latency');
    expect(latency.summary).toEqual({});
    expect(at(latency.data_points, 5)).toMatchObject({ avg: 30, miss_avg: 0 });
    expect(at(latency.data_points, 0)).toMatchObject({ avg: 0, miss_avg: 200 });
    const summary = await viewRunner('summary/cache')(s, { query: {} as never, slugs: new Map() });
    expect(summary).toEqual({ object: 'analytics-summary', summary: { hits: 2, avg_latency: 30, total_requests: 5, cache_speedup: expect.closeTo(82, 6) } });
  });

  it('feedback graphs count feedback by its own time, in the covered workspaces only', async () => {
    const g = await run('feedbacks');
    expect(g.summary).toEqual({ total: 3 });
    expect([1, 59, 2].map((i) => at(g.data_points, i).total)).toEqual([2, 1, 0]);
    expect(await run('feedbacks-score')).toEqual({ object: 'analytics-graph', summary: { total: 3 }, data_points: [{ score: 1, total: 1 }, { score: 3, total: 1 }, { score: 5, total: 1 }] });
    const weighted = await run('feedbacks-weighted');
    expect(weighted.summary).toEqual({ avg: 2.5 });
    expect(at(weighted.data_points, 1).avg).toBe(3.25);
    expect(await run('feedbacks-ai-models')).toEqual({
      object: 'analytics-graph',
      summary: {},
      data_points: [{ ai_model: 'gpt-4o', total: 2, avg_weighted_feedback: 3.25 }, { ai_model: 'claude-3-5-haiku', total: 1, avg_weighted_feedback: 1 }],
    });
  });

  it('an empty range answers zeros everywhere, never nulls', async () => {
    const empty = await scopeOver([], []);
    for (const name of Object.keys(GRAPHS)) {
      const g = await GRAPHS[name]!(empty);
      expect(JSON.stringify(g)).not.toContain('null');
    }
    expect(ORG).toBe('org-1');
  });

  it('unknown views are refused with 404', () => {
    expect(() => viewRunner('graphs/nope')).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => viewRunner('summary/other')).toThrow(expect.objectContaining({ status: 404 }));
    expect(() => viewRunner('graphs/constructor')).toThrow(expect.objectContaining({ status: 404 }));
  });
});
