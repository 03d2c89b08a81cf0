import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '#libs/testing';
import { http } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

const DAY = 86_400_000;
const window = (stack: Stack) =>
  `start_time=${encodeURIComponent(new Date(stack.config.clock() - 3600_000).toISOString())}&end_time=${encodeURIComponent(new Date(stack.config.clock() + 3600_000).toISOString())}`;

/** What Portkey's own clients (Terraform provider, OpenAPI fuzzing) showed we did differently. */
describe('wire fidelity with Portkey clients', () => {
  let stack: Stack;
  let admin: string;
  beforeAll(async () => {
    // Sweeps often, so scheduled rotations and resets follow a moved clock quickly.
    stack = await startStack({ scheduleSweepMs: 100 });
    admin = stack.adminKey;
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('usage_limits.type is optional (cost by default) and not echoed back; next_usage_reset_at is derived', async () => {
    const created = await http(stack, 'POST', '/api-keys/organisation/service', {
      key: admin,
      body: { name: 'budget', scopes: ['workspaces.list'], usage_limits: { credit_limit: 500, periodic_reset: 'monthly' } },
    });
    expect(created.status).toBe(200);
    const key = (await http(stack, 'GET', `/api-keys/${created.body.id}`, { key: admin })).body;
    const now = new Date(stack.config.clock());
    const firstOfNextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
    expect(key.usage_limits).toEqual({ credit_limit: 500, periodic_reset: 'monthly', next_usage_reset_at: firstOfNextMonth });
    expect(key).toMatchObject({ next_usage_reset_at: firstOfNextMonth, last_reset_at: null, reset_usage: 0 });
  });

  it('reset_usage: true resets once and sets last_reset_at; it is never stored', async () => {
    const { id } = (await http(stack, 'POST', '/api-keys/organisation/service', { key: admin, body: { name: 'r', scopes: [], usage_limits: { credit_limit: 5 } } })).body;
    expect(await http(stack, 'PUT', `/api-keys/${id}`, { key: admin, body: { reset_usage: true } })).toEqual({ status: 200, body: {} });
    const key = (await http(stack, 'GET', `/api-keys/${id}`, { key: admin })).body;
    expect(key.reset_usage).toBe(0);
    expect(key.last_reset_at).toBe(new Date(Date.parse(key.last_reset_at)).toISOString());
    expect(key.usage_limits.next_usage_reset_at).toBeNull();
  });

  it('a monthly rotation policy derives next_rotation_at; when it passes the key rotates and the old secret lives for the transition', async () => {
    const created = (
      await http(stack, 'POST', '/api-keys/organisation/service', {
        key: admin,
        body: { name: 'rotating', scopes: ['workspaces.list'], rotation_policy: { rotation_period: 'monthly', key_transition_period_ms: 3_600_000 } },
      })
    ).body;
    const before = (await http(stack, 'GET', `/api-keys/${created.id}`, { key: admin })).body;
    const createdAt = Date.parse(before.created_at);
    expect(Date.parse(before.rotation_policy.next_rotation_at)).toBeGreaterThanOrEqual(createdAt + 28 * DAY);
    expect(Date.parse(before.rotation_policy.next_rotation_at)).toBeLessThanOrEqual(createdAt + 31 * DAY);
    expect(before.last_rotated_at).toBeNull();

    stack.advanceClock(32 * DAY);
    const after = await eventually(
      async () => {
        const k = (await http(stack, 'GET', `/api-keys/${created.id}`, { key: admin })).body;
        return k.last_rotated_at ? k : false;
      },
      { timeoutMs: 20_000 },
    );
    expect(after.key).not.toBe(before.key);
    expect(Date.parse(after.rotation_policy.next_rotation_at)).toBeGreaterThan(stack.config.clock() + 27 * DAY);
    // Within the transition period the old secret still works; after it, it is refused.
    expect((await http(stack, 'GET', '/admin/workspaces', { key: created.key })).status).toBe(200);
    stack.advanceClock(2 * 3_600_000);
    expect((await http(stack, 'GET', '/admin/workspaces', { key: created.key })).status).toBe(401);
  });

  it('periodic usage resets happen when next_usage_reset_at passes, for keys and for workspaces', async () => {
    const key = (await http(stack, 'POST', '/api-keys/organisation/service', { key: admin, body: { name: 'w', scopes: [], usage_limits: { credit_limit: 5, periodic_reset: 'weekly' } } })).body;
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: admin, body: { name: 'Budgeted', usage_limits: [{ credit_limit: 10, type: 'cost', periodic_reset: 'weekly' }] } })).body;
    const pendingKey = (await http(stack, 'GET', `/api-keys/${key.id}`, { key: admin })).body.next_usage_reset_at;
    const pendingWs = (await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: admin })).body.usage_limits[0].next_usage_reset_at;
    expect(new Date(pendingKey).getUTCDay()).toBe(1);
    expect(pendingWs).toBe(pendingKey);

    stack.advanceClock(8 * DAY);
    const k = await eventually(async () => {
      const body = (await http(stack, 'GET', `/api-keys/${key.id}`, { key: admin })).body;
      return body.last_reset_at === pendingKey ? body : false;
    });
    expect(Date.parse(k.next_usage_reset_at)).toBeGreaterThan(Date.parse(pendingKey));
    const w = await eventually(async () => {
      const body = (await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: admin })).body;
      return body.last_reset_at === pendingWs ? body : false;
    });
    expect(Date.parse(w.usage_limits[0].next_usage_reset_at)).toBeGreaterThan(Date.parse(pendingWs));
    expect(w.usage_limits[0]).toMatchObject({ credit_limit: 10, type: 'cost', periodic_reset: 'weekly' });
  });

  it('invites may name no workspace; an unknown workspace is 404 AB08', async () => {
    const orgOnly = await http(stack, 'POST', '/admin/users/invites', { key: admin, body: { email: 'org-only@example.com', role: 'member' } });
    expect(orgOnly.status).toBe(200);
    expect((await http(stack, 'GET', `/admin/users/invites/${orgOnly.body.id}`, { key: admin })).body).toMatchObject({ email: 'org-only@example.com', workspaces: [] });
    const unknown = await http(stack, 'POST', '/admin/users/invites', {
      key: admin,
      body: { email: 'nowhere@example.com', role: 'member', workspaces: [{ id: 'ws-nope-000000', role: 'member' }] },
    });
    expect(unknown).toMatchObject({ status: 404, body: { success: false, data: { errorCode: 'AB08' } } });
    expect(unknown.body.data.message).toContain('ws-nope-000000');
  });

  it('DELETE workspace needs no body; a given name must match', async () => {
    const a = (await http(stack, 'POST', '/admin/workspaces', { key: admin, body: { name: 'Gone' } })).body;
    expect(await http(stack, 'DELETE', `/admin/workspaces/${a.id}`, { key: admin })).toEqual({ status: 200, body: {} });
    const b = (await http(stack, 'POST', '/admin/workspaces', { key: admin, body: { name: 'Kept' } })).body;
    const wrong = await http(stack, 'DELETE', `/admin/workspaces/${b.id}`, { key: admin, body: { name: 'kept' } });
    expect(wrong).toMatchObject({ status: 400, body: { data: { errorCode: 'AB01' } } });
    expect((await http(stack, 'DELETE', `/admin/workspaces/${b.id}`, { key: admin, body: { name: 'Kept' } })).status).toBe(200);
  });

  it('documented values are accepted: rate limit 0, page_size 0 where the spec allows it, PUT {} on users and members', async () => {
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: admin, body: { name: 'Zero', rate_limits: [{ type: 'requests', unit: 'rpm', value: 0 }] } })).body;
    expect(ws.rate_limits).toEqual([{ type: 'requests', unit: 'rpm', value: 0 }]);
    const key = await http(stack, 'POST', '/api-keys/organisation/service', { key: admin, body: { name: 'z', scopes: [], rate_limits: [{ type: 'requests', unit: 'rpm', value: 0 }] } });
    expect(key.status).toBe(200);
    for (const path of [`/admin/workspaces/${ws.id}/users?page_size=0`, '/admin/users?pageSize=0', '/admin/users/invites?pageSize=0', `/audit-logs?${window(stack)}&page_size=0`]) {
      const listed = await http(stack, 'GET', path, { key: admin });
      expect([path, listed.status]).toEqual([path, 200]);
    }
    const owner = (await http(stack, 'GET', '/admin/users?role=owner', { key: admin })).body.data[0];
    expect(await http(stack, 'PUT', `/admin/users/${owner.id}`, { key: admin, body: {} })).toEqual({ status: 200, body: {} });
    expect((await http(stack, 'POST', `/admin/workspaces/${ws.id}/users`, { key: admin, body: { users: [{ id: owner.id, role: 'admin' }] } })).status).toBe(200);
    expect(await http(stack, 'PUT', `/admin/workspaces/${ws.id}/users/${owner.id}`, { key: admin, body: {} })).toEqual({ status: 200, body: {} });
    expect((await http(stack, 'PUT', '/admin/users/00000000-0000-0000-0000-000000000000', { key: admin, body: {} })).status).toBe(404);
    expect((await http(stack, 'PUT', `/admin/workspaces/${ws.id}/users/00000000-0000-0000-0000-000000000000`, { key: admin, body: {} })).status).toBe(404);
  });

  it('metadata is a flat map of strings, echoed as given', async () => {
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: admin, body: { name: 'Meta', defaults: { metadata: { team: 'ml', 'cost-centre': '42' } } } })).body;
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: admin })).body.defaults.metadata).toEqual({ team: 'ml', 'cost-centre': '42' });
    const refused = await http(stack, 'PUT', `/admin/workspaces/${ws.id}`, { key: admin, body: { defaults: { metadata: { team: null } } } });
    expect(refused).toMatchObject({ status: 400, body: { data: { errorCode: 'AB01', message: 'defaults.metadata values must be strings (key "team" has null)' } } });
  });

  it('audit logs: object "analytics-graph", every record has a resource_type, denied reads only on request', async () => {
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: admin, body: { name: 'Audit reads' } })).body;
    const svc = (await http(stack, 'POST', '/api-keys/workspace/service', { key: admin, body: { name: 's', scopes: ['workspaces.read'], workspace_id: ws.id } })).body;
    expect((await http(stack, 'GET', '/admin/users', { key: svc.key })).status).toBe(403);
    const plain = (await http(stack, 'GET', `/audit-logs?${window(stack)}&page_size=100`, { key: admin })).body;
    expect(plain.object).toBe('analytics-graph');
    expect(plain.records.some((r: { method: string }) => r.method === 'GET')).toBe(false);
    const all = (await http(stack, 'GET', `/audit-logs?${window(stack)}&page_size=100&include_denied_reads=true`, { key: admin })).body;
    const read = all.records.find((r: { method: string; uri: string }) => r.method === 'GET' && r.uri === '/v1/admin/users');
    expect(read).toMatchObject({ resource_type: 'users', action: 'deny', response_status_code: 403 });
    expect(all.records.every((r: { resource_type: string | null }) => typeof r.resource_type === 'string' && r.resource_type.length > 0)).toBe(true);
  });
});
