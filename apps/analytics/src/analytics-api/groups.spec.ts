import { beforeAll, describe, expect, it } from '@jest/globals';
import { iso, log, minutes, query, scopeOver } from '../../../../test/support/analytics-api-data.js';
import { viewRunner } from './analytics-catalog.js';
import type { AnalyticsScope } from './series.js';

const logs = [
  log({ at: minutes(1), user: 'ann', model: 'gpt-4o', costCents: 3, totalTokens: 10, metadata: { env: 'prod' }, workspaceId: 'ws-a', apiKeyId: 'k1' }),
  log({ at: minutes(2), user: 'ann', model: 'gpt-4o', costCents: 3, totalTokens: 30, metadata: { env: 'prod' }, workspaceId: 'ws-a', apiKeyId: 'k1', status: 500 }),
  log({ at: minutes(3), user: 'bob', model: 'claude', aiProvider: 'anthropic', costCents: 1, totalTokens: 5, metadata: { env: 'dev' }, workspaceId: 'ws-b', apiKeyId: 'k2' }),
  log({ at: minutes(4), user: 'cy', model: 'claude', aiProvider: 'anthropic', costCents: 9, totalTokens: 5, workspaceId: 'ws-b', apiKeyId: 'k2', cacheStatus: 'HIT' }),
  log({ at: minutes(5), user: 'cy', model: 'claude', aiProvider: 'anthropic', costCents: 9, totalTokens: 5, workspaceId: 'ws-b', apiKeyId: 'k2' }),
  log({ at: minutes(6), user: 'cy', model: 'gpt-4o', costCents: 1, totalTokens: 5, workspaceId: 'ws-b', apiKeyId: 'k2' }),
];
const ctx = (over: Record<string, unknown> = {}, key?: string) => ({ query: query(over), key, slugs: new Map([['ws-a', 'alpha'], ['ws-b', 'beta']]) });

describe('analytics groups', () => {
  let s: AnalyticsScope;
  beforeAll(async () => {
    s = await scopeOver(logs);
  });
  const group = (name: string, over: Record<string, unknown> = {}, key?: string) => viewRunner(`groups/${name}`)(s, ctx(over, key)) as Promise<any>;

  it('users: requests and cost per user, requests desc then name, with the total of groups', async () => {
    expect(await group('users')).toEqual({
      object: 'list',
      total: 3,
      data: [
        { user: 'cy', requests: 3, cost: 19, object: 'analytics-group' },
        { user: 'ann', requests: 2, cost: 6, object: 'analytics-group' },
        { user: 'bob', requests: 1, cost: 1, object: 'analytics-group' },
      ],
    });
  });

  it('pages with current_page (0-based) and page_size; total counts every group', async () => {
    const page = await group('users', { page_size: 2, current_page: 1 });
    expect(page).toMatchObject({ total: 3, data: [{ user: 'bob' }] });
    expect((await group('users', { page_size: 2, current_page: 5 })).data).toEqual([]);
  });

  it('order_by and order_by_type choose the order; unknown columns are 400', async () => {
    expect((await group('users', { order_by: 'cost', order_by_type: 'asc' })).data.map((r: any) => r.user)).toEqual(['bob', 'ann', 'cy']);
    await expect(group('users', { order_by: 'nonsense' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('order_by') });
  });

  it('ai-models and workspaces (named by slug)', async () => {
    expect((await group('ai-models')).data).toEqual([{ ai_model: 'claude', requests: 3, object: 'analytics-group' }, { ai_model: 'gpt-4o', requests: 3, object: 'analytics-group' }]);
    const ws = await group('workspaces');
    expect(ws.data).toEqual([
      { workspace_id: 'ws-b', workspace_slug: 'beta', requests: 4, cost: 20, total_tokens: 20, error_count: 0, last_seen: iso(minutes(6)), object: 'analytics-group' },
      { workspace_id: 'ws-a', workspace_slug: 'alpha', requests: 2, cost: 6, total_tokens: 40, error_count: 1, last_seen: iso(minutes(2)), object: 'analytics-group' },
    ]);
  });

  it('metadata/{key}: one row per value of the key; logs without it are left out', async () => {
    expect(await group('metadata', {}, 'env')).toEqual({
      object: 'list',
      total: 2,
      data: [
        { metadata_value: 'prod', requests: 2, cost: 6, avg_tokens: 20, avg_weighted_feedback: 0, requests_with_feedback: 0, last_seen: iso(minutes(2)), object: 'analytics-group' },
        { metadata_value: 'dev', requests: 1, cost: 1, avg_tokens: 5, avg_weighted_feedback: 0, requests_with_feedback: 0, last_seen: iso(minutes(3)), object: 'analytics-group' },
      ],
    });
  });

  it('groups/{groupBy} takes columns and include_total', async () => {
    const g = await group('ai_service', { columns: 'requests,error_count,success_rate,cache_hit_rate,p95_latency,first_seen', include_total: 'true' });
    expect(g).toEqual({
      object: 'list',
      total: 2,
      data: [
        { ai_service: 'anthropic', requests: 3, error_count: 0, success_rate: 100, cache_hit_rate: expect.closeTo(100 / 3, 9), p95_latency: 100, first_seen: iso(minutes(3)), object: 'analytics-group' },
        { ai_service: 'openai', requests: 3, error_count: 1, success_rate: expect.closeTo(200 / 3, 9), cache_hit_rate: 0, p95_latency: 100, first_seen: iso(minutes(1)), object: 'analytics-group' },
      ],
      summary: { requests: 6, error_count: 1, success_rate: expect.closeTo(500 / 6, 9), cache_hit_rate: expect.closeTo(100 / 6, 9), p95_latency: 100, first_seen: iso(minutes(1)) },
    });
    expect((await group('api_key')).data.map((r: any) => [r.api_key, r.requests, r.cost])).toEqual([['k2', 4, 20], ['k1', 2, 6]]);
    expect((await group('status_code')).data.map((r: any) => r.status_code)).toEqual(['200', '500']);
  });

  it('unknown groups and columns are 400s', async () => {
    await expect(group('colour')).rejects.toMatchObject({ status: 400, message: expect.stringContaining('group_by') });
    await expect(group('model', { columns: 'requests,vibes' })).rejects.toMatchObject({ status: 400, message: expect.stringContaining('columns') });
  });
});
