import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http, tokenOf } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

const IP = '203.0.113.7';
const window = () => `start_time=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}&end_time=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`;

describe.each(['memory', 'mongo'] as const)('audit log (queries on the %s engine)', (engine) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ queryEngine: engine });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const as = (key: string, extra: Record<string, string> = {}) => ({ key, headers: { 'x-forwarded-for': IP, 'user-agent': 'audit-test/1.0', ...extra } });

  it('a scripted session produces exactly the expected records, with actor, IP, status and action, and no secrets', async () => {
    const admin = stack.adminKey;
    const adminKeyId = (await http(stack, 'GET', '/api-keys', { key: admin })).body.data.find((k: { name: string }) => k.name === 'Master admin key').id;
    const ws = (await http(stack, 'POST', '/admin/workspaces', { ...as(admin), body: { name: 'Audited' } })).body;
    const invite = (await http(stack, 'POST', '/admin/users/invites', { ...as(admin), body: { email: 'audited@example.com', role: 'member', workspaces: [{ id: ws.id, role: 'member' }] } })).body;
    const key = (await http(stack, 'POST', '/api-keys/workspace/service', { ...as(admin), body: { name: 'svc', scopes: ['workspaces.read'], workspace_id: ws.id } })).body;
    const rotated = (await http(stack, 'POST', `/api-keys/${key.id}/rotate`, { ...as(admin), body: {} })).body;
    const svc = (await http(stack, 'POST', '/api-keys/workspace/service', { ...as(admin), body: { name: 'limited', scopes: ['workspaces.read'], workspace_id: ws.id } })).body;
    expect((await http(stack, 'DELETE', `/api-keys/${key.id}`, as(admin))).status).toBe(200);
    expect((await http(stack, 'PUT', `/admin/workspaces/${ws.slug}`, { ...as(admin), body: { description: 'changed' } })).status).toBe(200);
    const denied = await http(stack, 'POST', '/admin/workspaces', { ...as(svc.key), body: { name: 'not allowed' } });
    expect(denied.status).toBe(403);
    const badKey = await http(stack, 'GET', `/admin/workspaces/${ws.id}`, as(rotated.key));
    expect(badKey.status).toBe(401);

    const listed = await http(stack, 'GET', `/audit-logs?${window()}&page_size=100&include_denied_reads=true`, { key: admin });
    expect(listed.status).toBe(200);
    // Portkey's spec and live responses name the object so.
    expect(listed.body).toMatchObject({ object: 'analytics-graph' });
    const records = [...listed.body.records].reverse();
    const shape = records.map((r: Record<string, unknown>) => [r.method, String(r.uri).replace(ws.id, ':ws').replace(ws.slug, ':ws').replace(key.id, ':key'), r.resource_type, r.action, r.response_status_code]);
    expect(shape).toEqual([
      ['POST', '/v1/admin/workspaces', 'workspaces', 'create', 200],
      ['POST', '/v1/admin/users/invites', 'invites', 'create', 200],
      ['POST', '/v1/api-keys/workspace/service', 'api_keys', 'create', 200],
      ['POST', '/v1/api-keys/:key/rotate', 'api_keys', 'rotate', 200],
      ['POST', '/v1/api-keys/workspace/service', 'api_keys', 'create', 200],
      ['DELETE', '/v1/api-keys/:key', 'api_keys', 'delete', 200],
      ['PUT', '/v1/admin/workspaces/:ws', 'workspaces', 'update', 200],
      ['POST', '/v1/admin/workspaces', 'workspaces', 'deny', 403],
      ['GET', '/v1/admin/workspaces/:ws', 'workspaces', 'deny', 401],
    ]);
    expect(records.map((r: { resource_id: string }) => r.resource_id)).toEqual([ws.id, invite.id, key.id, key.id, svc.id, key.id, ws.id, null, null]);
    for (const r of records.slice(0, 7)) {
      expect(r).toMatchObject({ user_type: 'api_key', user_id: adminKeyId, api_key_id: adminKeyId, organisation_id: stack.orgId, client_ip: IP, user_agent: 'audit-test/1.0' });
      expect(Date.parse(r.timestamp)).toBeGreaterThan(Date.now() - 60_000);
    }
    expect(records[2].workspace_id).toBe(ws.id);
    expect(records[6].workspace_id).toBe(ws.id);
    expect(records[7]).toMatchObject({ user_type: 'api_key', user_id: svc.id, organisation_id: stack.orgId, client_ip: IP, workspace_id: ws.id });
    expect(records[8]).toMatchObject({ user_type: 'api_key', user_id: key.id, organisation_id: stack.orgId, client_ip: IP });
    expect(JSON.parse(records[1].request_body)).toEqual({ email: 'audited@example.com', role: 'member', workspaces: [{ id: ws.id, role: 'member' }] });
    expect(JSON.parse(records[6].request_headers)).not.toHaveProperty('x-portkey-api-key');
    const text = JSON.stringify(listed.body);
    for (const secret of [admin, key.key, rotated.key, svc.key, tokenOf(invite.invite_link)]) expect(text).not.toContain(secret);
    expect(records.map((r: { seq: number }) => r.seq)).toEqual(records.map((_: unknown, i: number) => records[0].seq + i));
  });

  it('filters narrow the log; a page holds at most 100 records; the window is required', async () => {
    const admin = stack.adminKey;
    const byAction = await http(stack, 'GET', `/audit-logs?${window()}&action=deny`, { key: admin });
    expect(byAction.body.records.every((r: { action: string }) => r.action === 'deny')).toBe(true);
    // The denied GET is recorded, but listed only when asked for.
    expect(byAction.body.total).toBe(1);
    const withReads = await http(stack, 'GET', `/audit-logs?${window()}&action=deny&include_denied_reads=true`, { key: admin });
    expect(withReads.body.total).toBe(2);
    expect((await http(stack, 'GET', `/audit-logs?${window()}&method=GET`, { key: admin })).body.total).toBe(1);
    const byType = await http(stack, 'GET', `/audit-logs?${window()}&resource_type=api_keys&method=DELETE`, { key: admin });
    expect(byType.body.total).toBe(1);
    const byStatus = await http(stack, 'GET', `/audit-logs?${window()}&response_status_code=403`, { key: admin });
    expect(byStatus.body.total).toBe(1);
    const byIp = await http(stack, 'GET', `/audit-logs?${window()}&client_ip=${IP}&user_type=api_key`, { key: admin });
    expect(byIp.body.total).toBe(8);
    const paged = await http(stack, 'GET', `/audit-logs?${window()}&page_size=2&current_page=1`, { key: admin });
    expect(paged.body.records).toHaveLength(2);
    expect(paged.body.total).toBe(8);
    expect((await http(stack, 'GET', `/audit-logs?${window()}&page_size=101`, { key: admin })).status).toBe(400);
    // 0 (the spec allows it) is the default page size.
    expect((await http(stack, 'GET', `/audit-logs?${window()}&page_size=0`, { key: admin })).body.records).toHaveLength(8);
    expect((await http(stack, 'GET', '/audit-logs', { key: admin })).status).toBe(400);
    const early = await http(stack, 'GET', `/audit-logs?start_time=2001-01-01T00:00:00Z&end_time=2001-01-02T00:00:00Z`, { key: admin });
    expect(early.body).toMatchObject({ total: 0, records: [] });
  });

  it('only admin keys with audit_logs.list read it, and only for their organisation', async () => {
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Readers' } })).body;
    const svc = (await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 's', scopes: ['workspaces.read'], workspace_id: ws.id } })).body;
    expect((await http(stack, 'GET', `/audit-logs?${window()}`, { key: svc.key })).status).toBe(403);
    const narrow = (await http(stack, 'POST', '/api-keys/organisation/service', { key: stack.adminKey, body: { name: 'n', scopes: ['workspaces.list'] } })).body;
    const refused = await http(stack, 'GET', `/audit-logs?${window()}`, { key: narrow.key });
    expect(refused).toMatchObject({ status: 403, body: { data: { errorCode: 'AB03' } } });
    expect(refused.body.data.message).toContain('audit_logs.list');
    const other = await stack.createOrganisation('Elsewhere', 'boss@elsewhere.example');
    const theirs = await http(stack, 'GET', `/audit-logs?${window()}&page_size=100`, { key: other.adminKey });
    expect(theirs.status).toBe(200);
    expect(theirs.body.records.every((r: { organisation_id: string }) => r.organisation_id === other.orgId)).toBe(true);
    expect((await http(stack, 'GET', `/audit-logs?${window()}&organisation_id=${stack.orgId}`, { key: other.adminKey })).status).toBe(403);
  });
});
