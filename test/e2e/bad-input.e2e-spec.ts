import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

type Case = [method: string, path: string, body: unknown];

describe('bad input: 400 AB01 with a useful message, never a 500, never a half-written state', () => {
  let stack: Stack;
  let ws: { id: string };
  let userId: string;
  let keyId: string;
  beforeAll(async () => {
    stack = await startStack();
    ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Valid' } })).body;
    userId = (await http(stack, 'GET', '/admin/users?role=owner', { key: stack.adminKey })).body.data[0].id;
    keyId = (
      await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'k', scopes: ['workspaces.read'], workspace_id: ws.id } })
    ).body.id;
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const cases = (): Case[] => [
    ['POST', '/admin/workspaces', {}],
    ['POST', '/admin/workspaces', { name: 5 }],
    ['POST', '/admin/workspaces', { name: '' }],
    ['POST', '/admin/workspaces', { name: 'x'.repeat(101) }],
    ['POST', '/admin/workspaces', { name: 'ok', usage_limits: [{ credit_limit: 1, type: 'bogus' }] }],
    ['POST', '/admin/workspaces', { name: 'ok', rate_limits: [{ type: 'requests', unit: 'rpm', value: 'lots' }] }],
    ['POST', '/admin/workspaces', { name: 'ok', defaults: 'not-an-object' }],
    ['POST', '/admin/workspaces', { name: 'ok', users: 'someone' }],
    ['POST', '/admin/workspaces', { name: 'ok', defaults: { metadata: { team: 5 } } }],
    ['POST', '/admin/workspaces', { name: 'ok', defaults: { metadata: null } }],
    ['POST', '/admin/workspaces', { name: 'ok', defaults: { metadata: ['a'] } }],
    ['POST', '/admin/workspaces', { name: 'ok', defaults: { metadata: { 'a.b': 'x' } } }],
    ['POST', '/admin/workspaces', { name: 'ok', defaults: { metadata: { $where: 'x' } } }],
    ['POST', '/admin/workspaces', { name: 'ok', defaults: { metadata: { 'nul\u0000': 'x' } } }],
    ['POST', '/admin/workspaces', { name: 'ok', defaults: { metadata: { k: 'v'.repeat(1025) } } }],
    ['POST', '/admin/workspaces', { name: 'ok', defaults: { metadata: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, 'v'])) } }],
    ['POST', '/admin/workspaces', { name: 'ok', rate_limits: [{ type: 'requests', unit: 'rpm', value: -1 }] }],
    ['PUT', `/admin/workspaces/${ws.id}`, { status: 'deleted' }],
    ['PUT', `/admin/workspaces/${ws.id}`, { name: 123 }],
    ['PUT', `/admin/workspaces/${ws.id}`, { usage_limits: 'unlimited' }],
    ['DELETE', `/admin/workspaces/${ws.id}`, { name: 'Valid', force_delete: 'yes' }],
    ['GET', '/admin/workspaces?page_size=0', undefined],
    ['GET', '/admin/workspaces?current_page=-1', undefined],
    ['GET', '/admin/workspaces?page_size=abc', undefined],
    ['POST', '/admin/users/invites', { role: 'member', workspaces: [] }],
    ['POST', '/admin/users/invites', { email: 'not-an-email', role: 'member', workspaces: [] }],
    ['POST', '/admin/users/invites', { email: 'a@b.io', role: 'owner', workspaces: [] }],
    ['POST', '/admin/users/invites', { email: 'a@b.io', role: 'member', workspaces: [{ id: ws.id, role: 'chief' }] }],
    ['POST', '/admin/users/invites', { email: 'a@b.io', role: 'member', workspaces: [], workspace_api_key_details: { scopes: 'all' } }],
    ['POST', '/admin/users/invites', { email: 'a@b.io', role: 'member', workspaces: [], workspace_api_key_details: { scopes: ['not.a.scope'] } }],
    ['GET', '/admin/users/invites?status=weird', undefined],
    ['GET', '/admin/users/invites?pageSize=-1', undefined],
    ['GET', '/admin/users?role=boss', undefined],
    ['GET', '/admin/users?currentPage=abc', undefined],
    ['PUT', `/admin/users/${userId}`, { role: 'owner' }],
    ['POST', `/admin/workspaces/${ws.id}/users`, {}],
    ['POST', `/admin/workspaces/${ws.id}/users`, { users: [{ id: userId, role: 'chief' }] }],
    ['POST', `/admin/workspaces/${ws.id}/users`, { users: 'everyone' }],
    ['PUT', `/admin/workspaces/${ws.id}/users/${userId}`, { role: 'x' }],
    ['GET', `/admin/workspaces/${ws.id}/users?role=x`, undefined],
    ['POST', '/invites/accept', { first_name: 'a', last_name: 'b' }],
    ['POST', '/invites/accept', { token: 5, first_name: 'a', last_name: 'b' }],
    ['POST', '/invites/accept', { token: 'pcinv_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', first_name: 'a', last_name: 'b' }],
    ['POST', '/invites/accept', { token: 'x'.repeat(30) }],
    ['POST', '/api-keys/workspace/service', { scopes: [], workspace_id: ws.id }],
    ['POST', '/api-keys/workspace/service', { name: 'k', scopes: 'all', workspace_id: ws.id }],
    ['POST', '/api-keys/workspace/service', { name: 'k', scopes: ['not.a.scope'], workspace_id: ws.id }],
    ['POST', '/api-keys/workspace/service', { name: 'k', scopes: ['audit_logs.list'], workspace_id: ws.id }],
    ['POST', '/api-keys/workspace/service', { name: 'k', scopes: [], workspace_id: ws.id, expires_at: 'yesterday' }],
    ['POST', '/api-keys/workspace/service', { name: 'k', scopes: [], workspace_id: ws.id, expires_at: '2001-01-01T00:00:00Z' }],
    ['POST', '/api-keys/workspace/service', { name: 'k', scopes: [], workspace_id: ws.id, rate_limits: [{ type: 'requests', unit: 'rpx', value: 1 }] }],
    ['POST', '/api-keys/workspace/service', { name: 'k', scopes: [] }],
    ['POST', '/api-keys/organisation/service', { name: 'k', scopes: [], defaults: { metadata: { n: 1 } } }],
    ['POST', '/api-keys/organisation/service', { name: 'k', scopes: [], usage_limits: { credit_limit: 10, periodic_reset: 'monthly', periodic_reset_days: 30 } }],
    ['POST', '/api-keys/organisation/service', { name: 'k', scopes: [], usage_limits: { credit_limit: 10, alert_threshold: 20 } }],
    ['POST', '/api-keys/organisation/service', { name: 'k', scopes: [], usage_limits: { periodic_reset: 'monthly' } }],
    ['POST', '/api-keys/organisation/service', { name: 'k', scopes: [], rotation_policy: { next_rotation_at: '2001-01-01T00:00:00Z' } }],
    ['POST', '/api-keys/workspace/user', { name: 'k', scopes: [], workspace_id: ws.id }],
    ['POST', '/api-keys/organisation/user', { name: 'k', scopes: [] }],
    ['POST', '/api-keys/galaxy/service', { name: 'k', scopes: [] }],
    ['PUT', `/api-keys/${keyId}`, { scopes: 5 }],
    ['PUT', `/api-keys/${keyId}`, { rotation_policy: { rotation_period: 'hourly' } }],
    ['POST', `/api-keys/${keyId}/rotate`, { key_transition_period_ms: 1000 }],
    ['GET', '/api-keys?page_size=100000', undefined],
    ['GET', '/audit-logs?start_time=2026-01-01T00:00:00Z&end_time=2027-01-01T00:00:00Z&page_size=101', undefined],
    ['GET', '/audit-logs?start_time=2026-01-01T00:00:00Z&end_time=2027-01-01T00:00:00Z&include_denied_reads=maybe', undefined],
  ];

  it('every malformed request on every route is refused with 400 AB01', async () => {
    const before = (await http(stack, 'GET', '/admin/workspaces', { key: stack.adminKey })).body.total;
    const failures: string[] = [];
    for (const [method, path, body] of cases()) {
      const result = await http(stack, method, path, { key: stack.adminKey, ...(body !== undefined ? { body } : {}) });
      const ok = result.status === 400 && result.body?.success === false && result.body?.data?.errorCode === 'AB01' && typeof result.body.data.message === 'string';
      if (!ok) failures.push(`${method} ${path} ${JSON.stringify(body)} → ${result.status} ${JSON.stringify(result.body)}`);
    }
    expect(failures).toEqual([]);
    expect((await http(stack, 'GET', '/admin/workspaces', { key: stack.adminKey })).body.total).toBe(before);
    expect((await http(stack, 'GET', '/admin/users/invites', { key: stack.adminKey })).body.total).toBe(0);
    expect((await http(stack, 'GET', '/api-keys', { key: stack.adminKey })).body.total).toBe(2);
  });

  it('broken bodies (invalid JSON, 1 MB, arrays, null, wrong content type) are 400 AB01 on every write route', async () => {
    const routes = [
      ['POST', '/admin/workspaces'],
      ['PUT', `/admin/workspaces/${ws.id}`],
      ['POST', '/admin/users/invites'],
      ['PUT', `/admin/users/${userId}`],
      ['POST', `/admin/workspaces/${ws.id}/users`],
      ['POST', '/invites/accept'],
      ['POST', '/api-keys/workspace/service'],
      ['PUT', `/api-keys/${keyId}`],
    ];
    const bodies: Array<[string, string, Record<string, string>?]> = [
      ['invalid JSON', '{"name": '],
      ['1 MB', JSON.stringify({ name: 'x'.repeat(1024 * 1024) })],
      ['array', '[1, 2, 3]'],
      ['null', 'null'],
      ['a number', '42'],
      ['text/plain', 'hello', { 'content-type': 'text/plain' }],
      ['form', 'name=x', { 'content-type': 'application/x-www-form-urlencoded' }],
    ];
    const failures: string[] = [];
    for (const [method, path] of routes) {
      for (const [label, rawBody, headers] of bodies) {
        const result = await http(stack, method!, path!, { key: stack.adminKey, rawBody, ...(headers ? { headers } : {}) });
        if (result.status !== 400 || result.body?.data?.errorCode !== 'AB01') failures.push(`${method} ${path} ${label} → ${result.status} ${JSON.stringify(result.body).slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: stack.adminKey })).body.name).toBe('Valid');
  });

  it('the message names the field and what is wrong with it: a missing field "is required"', async () => {
    const missing = await http(stack, 'POST', '/admin/users/invites', { key: stack.adminKey, body: { role: 'member' } });
    expect(missing.body.data.message).toBe('email is required');
    const nested = await http(stack, 'POST', `/admin/workspaces/${ws.id}/users`, { key: stack.adminKey, body: { users: [{ id: userId }] } });
    expect(nested.body.data.message).toBe('users.0.role is required');
    const wrongType = await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'ok', defaults: { metadata: { team: 5 } } } });
    expect(wrongType.body.data.message).toBe('defaults.metadata values must be strings (key "team" has a number)');
    const both = await http(stack, 'POST', '/api-keys/organisation/service', {
      key: stack.adminKey,
      body: { name: 'k', scopes: [], usage_limits: { credit_limit: 10, periodic_reset: 'monthly', periodic_reset_days: 30 } },
    });
    expect(both.body.data.message).toBe('usage_limits.periodic_reset_days and periodic_reset are mutually exclusive: set one of them');
  });

  it('paths the router refuses (malformed %-encoding, a 10,000-character segment) answer in the envelope', async () => {
    const malformed = await http(stack, 'GET', '/admin/workspaces/%E0%A4%A', { key: stack.adminKey });
    expect(malformed).toMatchObject({ status: 400, body: { success: false, data: { errorCode: 'AB01' } } });
    const long = await http(stack, 'GET', `/admin/workspaces/${'a'.repeat(10_000)}`, { key: stack.adminKey });
    expect(long).toMatchObject({ status: 414, body: { success: false, data: { errorCode: 'AB01' } } });
    const unknown = await http(stack, 'GET', '/no-such-route', { key: stack.adminKey });
    expect(unknown).toMatchObject({ status: 404, body: { success: false, data: { errorCode: 'AB08' } } });
  });

  it('unknown body fields are ignored (the SDK copies path ids into bodies)', async () => {
    const result = await http(stack, 'PUT', `/admin/workspaces/${ws.id}`, { key: stack.adminKey, body: { workspace_id: ws.id, workspaceId: ws.id, description: 'extra fields are fine' } });
    expect(result).toEqual({ status: 200, body: {} });
  });

  it('a missing or malformed API key is 401 AB05, before any validation', async () => {
    for (const key of [undefined, '', 'short', 'pc_wss_zzz', `pc_wss_${'0'.repeat(32)}_${'0'.repeat(56)}`]) {
      const result = await http(stack, 'POST', '/admin/workspaces', { ...(key !== undefined ? { key } : {}), body: {} });
      expect(result).toMatchObject({ status: 401, body: { success: false, data: { errorCode: 'AB05' } } });
    }
  });
});
