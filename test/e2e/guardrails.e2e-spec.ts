import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '#libs/testing';
import { http, inviteAndAccept, sdk, sdkError } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RFC3339_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const GUARDRAIL_SCOPES = ['guardrails.create', 'guardrails.read', 'guardrails.update', 'guardrails.delete', 'guardrails.list'];
const window = () => `start_time=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}&end_time=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`;

// What Terraform's acceptance tests send (and read back exactly).
const TF_CHECKS = [{ id: 'default.wordCount', parameters: { minWords: 1, maxWords: 1000 } }];
const TF_ACTIONS = { onFail: 'log', message: 'Word count check failed' };
const PORTKEY_ACTIONS = { deny: true, async: false, on_success: { feedback: { value: 5, weight: 1, metadata: '' } }, on_fail: { feedback: { value: -5, weight: 1, metadata: '' } } };

async function workspace(stack: Stack, name: string): Promise<{ id: string; slug: string }> {
  return (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name } })).body;
}

async function key(stack: Stack, type: 'organisation' | 'workspace', scopes: string[], workspaceId?: string): Promise<string> {
  const created = await http(stack, 'POST', `/api-keys/${type}/service`, { key: stack.adminKey, body: { name: 'guardrails', scopes, ...(workspaceId ? { workspace_id: workspaceId } : {}) } });
  expect(created.status).toBe(200);
  return created.body.key;
}

describe('guardrails through the official SDK', () => {
  let stack: Stack;
  let pk: ReturnType<typeof sdk>;
  let wsA: { id: string; slug: string };
  let wsB: { id: string; slug: string };
  beforeAll(async () => {
    stack = await startStack();
    pk = sdk(stack, stack.adminKey);
    [wsA, wsB] = await Promise.all([workspace(stack, 'Rails A'), workspace(stack, 'Rails B')]);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('create → get → list at once; a partial update is a new version; ?version=N answers exactly what it did', async () => {
    const created = await pk.guardrails.create({ name: 'Word limit', workspace_id: wsA.slug, checks: TF_CHECKS, actions: TF_ACTIONS as never });
    expect(created).toMatchObject({ id: expect.stringMatching(UUID), slug: expect.stringMatching(/^guard_wordli-[0-9a-f]{6}$/), version_id: expect.stringMatching(UUID) });

    const got = await pk.guardrails.retrieve({ guardrail_id: created.slug });
    expect(got).toMatchObject({ id: created.id, slug: created.slug, name: 'Word limit', workspace_id: wsA.id, organisation_id: stack.orgId, status: 'active', version_id: created.version_id });
    expect(got.checks).toEqual(TF_CHECKS);
    expect(got.actions).toEqual(TF_ACTIONS);
    expect(got.created_at).toMatch(RFC3339_MS);
    expect((await pk.guardrails.retrieve({ guardrail_id: created.id })).slug).toBe(created.slug);

    const listed = await pk.guardrails.list({ workspace_id: wsA.id });
    expect(listed).toMatchObject({ total: 1 });
    expect(listed.data[0]).toMatchObject({ id: created.id, name: 'Word limit', workspace_id: wsA.id, status: 'active' });
    expect(listed.data[0]).not.toHaveProperty('checks');

    const before = (await http(stack, 'GET', `/guardrails/${created.id}`, { key: stack.adminKey })).body;
    const renamed = await pk.guardrails.update({ guardrail_id: created.slug, name: 'Word limit v2' });
    expect(renamed).toMatchObject({ id: created.id, slug: created.slug, version_id: expect.stringMatching(UUID) });
    const after = await pk.guardrails.retrieve({ guardrail_id: created.slug });
    expect(after).toMatchObject({ name: 'Word limit v2', version_id: renamed.version_id, checks: TF_CHECKS, actions: TF_ACTIONS });
    await pk.guardrails.update({ guardrail_id: created.slug, checks: [{ id: 'default.sentenceCount', is_enabled: true, parameters: { minSentences: 1 } }], actions: PORTKEY_ACTIONS });
    expect((await http(stack, 'GET', `/guardrails/${created.slug}?version=1`, { key: stack.adminKey })).body).toEqual(before);
    const versions = await http(stack, 'GET', `/guardrails/${created.slug}/versions`, { key: stack.adminKey });
    expect(versions.body).toMatchObject({ total: 3 });
    expect(versions.body.data.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect(versions.body.data[0]).toMatchObject({ checks: [{ id: 'default.sentenceCount', is_enabled: true }], actions: PORTKEY_ACTIONS });

    await pk.guardrails.delete({ guardrail_id: created.slug });
    expect(await sdkError(pk.guardrails.retrieve({ guardrail_id: created.id }))).toMatchObject({ status: 404, error: { data: { errorCode: 'AB08' } } });
    expect((await pk.guardrails.list({ workspace_id: wsA.id })).total).toBe(0);
  });

  it('lists page with page_size (default 100, at most 1000) and current_page', async () => {
    const ws = await workspace(stack, 'Paged');
    for (const n of [1, 2, 3]) await pk.guardrails.create({ name: `Rail ${n}`, workspace_id: ws.id, checks: TF_CHECKS, actions: PORTKEY_ACTIONS });
    const page = await pk.guardrails.list({ workspace_id: ws.id, page_size: 2, current_page: 1 });
    expect(page.total).toBe(3);
    expect(page.data.map((g) => g.name)).toEqual(['Rail 3']);
    expect((await http(stack, 'GET', `/guardrails?workspace_id=${ws.id}&page_size=1001`, { key: stack.adminKey })).status).toBe(400);
  });

  it('organisation-level guardrails need organisation_guardrails.* and an admin key; workspace keys see only their workspace', async () => {
    const org = await pk.guardrails.create({ name: 'Org wide', organisation_id: stack.orgId, checks: [{ id: 'portkey.moderateContent', parameters: {} }], actions: PORTKEY_ACTIONS });
    expect((await pk.guardrails.retrieve({ guardrail_id: org.id })).workspace_id).toBeNull();
    expect((await pk.guardrails.list({ organisation_id: stack.orgId })).data.map((g) => g.id)).toEqual([org.id]);
    expect((await pk.guardrails.list({ workspace_id: wsB.id })).data.map((g) => g.id)).not.toContain(org.id);
    expect((await pk.guardrails.list()).data.map((g) => g.id)).toContain(org.id);

    const narrowAdmin = sdk(stack, await key(stack, 'organisation', GUARDRAIL_SCOPES));
    expect(await sdkError(narrowAdmin.guardrails.create({ name: 'x', organisation_id: stack.orgId, checks: TF_CHECKS, actions: {} as never }))).toMatchObject({
      status: 403,
      error: { data: { errorCode: 'AB03', message: expect.stringContaining('organisation_guardrails.create') } },
    });
    expect(await sdkError(narrowAdmin.guardrails.retrieve({ guardrail_id: org.id }))).toMatchObject({ status: 403 });
    expect((await narrowAdmin.guardrails.list()).data.map((g) => g.id)).not.toContain(org.id);

    const b = sdk(stack, await key(stack, 'workspace', GUARDRAIL_SCOPES, wsB.id));
    expect(await sdkError(b.guardrails.retrieve({ guardrail_id: org.id }))).toMatchObject({ status: 404 });
    expect(await sdkError(b.guardrails.create({ name: 'x', organisation_id: stack.orgId, checks: TF_CHECKS, actions: {} as never }))).toMatchObject({ status: 403 });
    expect(await sdkError(pk.guardrails.create({ name: 'x', organisation_id: '00000000-0000-4000-8000-000000000000', checks: TF_CHECKS, actions: {} as never }))).toMatchObject({ status: 403 });
    expect(await sdkError(pk.guardrails.create({ name: 'x', checks: TF_CHECKS, actions: {} as never }))).toMatchObject({ status: 400, error: { data: { message: expect.stringContaining('workspace_id') } } });
    await pk.guardrails.delete({ guardrail_id: org.slug });
  });

  it('a workspace key creates in its own workspace; workspace B never sees A’s guardrails', async () => {
    const a = sdk(stack, await key(stack, 'workspace', GUARDRAIL_SCOPES, wsA.id));
    const b = sdk(stack, await key(stack, 'workspace', GUARDRAIL_SCOPES, wsB.id));
    const created = await a.guardrails.create({ name: 'Ours', checks: TF_CHECKS, actions: PORTKEY_ACTIONS });
    expect((await a.guardrails.retrieve({ guardrail_id: created.slug })).workspace_id).toBe(wsA.id);
    expect((await a.guardrails.list()).data.map((g) => g.id)).toContain(created.id);
    expect((await b.guardrails.list()).data.map((g) => g.id)).not.toContain(created.id);
    expect(await sdkError(b.guardrails.retrieve({ guardrail_id: created.id }))).toMatchObject({ status: 404, error: { data: { errorCode: 'AB08' } } });
    expect(await sdkError(b.guardrails.update({ guardrail_id: created.id, name: 'mine now' }))).toMatchObject({ status: 404 });
    expect(await sdkError(b.guardrails.delete({ guardrail_id: created.id }))).toMatchObject({ status: 404 });
    expect(await sdkError(b.guardrails.list({ workspace_id: wsA.id }))).toMatchObject({ status: 403, error: { data: { errorCode: 'AB03' } } });
    const other = await stack.createOrganisation('Elsewhere', 'owner@elsewhere.example');
    expect(await sdkError(sdk(stack, other.adminKey).guardrails.retrieve({ guardrail_id: created.slug }))).toMatchObject({ status: 404 });
  });

  it('bad input is 400 AB01 naming the field, never 500, and changes nothing', async () => {
    const ws = await workspace(stack, 'Strict');
    const existing = await pk.guardrails.create({ name: 'Kept', workspace_id: ws.id, checks: TF_CHECKS, actions: PORTKEY_ACTIONS });
    const post = (body: Record<string, unknown>) => http(stack, 'POST', '/guardrails', { key: stack.adminKey, body: { name: 'x', workspace_id: ws.id, checks: TF_CHECKS, actions: {}, ...body } });
    const put = (body: unknown) => http(stack, 'PUT', `/guardrails/${existing.slug}`, { key: stack.adminKey, body });
    const cases: Array<[Promise<{ status: number; body: any }>, string]> = [
      [post({ checks: [{ id: 'default.wordCount' }, { id: 'default.mindReading' }] }), 'checks.1.id'],
      [post({ checks: [{ id: 7 }] }), 'checks.0.id'],
      [post({ checks: 'default.wordCount' }), 'checks'],
      [post({ checks: [] }), 'checks'],
      [post({ checks: null }), 'checks'],
      [post({ checks: [{ id: 'default.wordCount', parameters: 'many' }] }), 'checks.0.parameters'],
      [post({ checks: [{ id: 'default.wordCount', is_enabled: 'yes' }] }), 'checks.0.is_enabled'],
      [post({ actions: 'deny' }), 'actions'],
      [post({ actions: [] }), 'actions'],
      [post({ actions: { deny: 'true' } }), 'actions.deny'],
      [post({ actions: { on_fail: { feedback: { value: 50 } } } }), 'actions.on_fail.feedback.value'],
      [post({ name: 12 }), 'name'],
      [post({ name: '' }), 'name'],
      [post({ actions: { blob: 'x'.repeat(70_000) } }), 'actions'],
      [put({ checks: [{ id: 'nope.nothing' }] }), 'checks.0.id'],
      [put({ actions: { async: 1 } }), 'actions.async'],
      [put({ checks: null }), 'checks'],
      [put({ name: null }), 'name'],
    ];
    for (const [pending, field] of cases) {
      const response = await pending;
      expect({ field, status: response.status, code: response.body?.data?.errorCode }).toEqual({ field, status: 400, code: 'AB01' });
      expect(response.body.data.message).toContain(field);
    }
    expect((await http(stack, 'POST', '/guardrails', { key: stack.adminKey, rawBody: '{"name":' })).status).toBe(400);
    expect((await post({ actions: { blob: 'x'.repeat(1024 * 1024) } })).status).toBe(400);
    expect((await pk.guardrails.list({ workspace_id: ws.id })).data.map((g) => g.name)).toEqual(['Kept']);
    expect(((await pk.guardrails.retrieve({ guardrail_id: existing.slug })) as unknown as { version_id: string }).version_id).toBe(existing.version_id);
  });

  it('members create and update guardrails but cannot delete them', async () => {
    const member = await inviteAndAccept(stack, stack.adminKey, { email: 'rail-member@example.com', role: 'member', workspaces: [{ id: wsB.id, role: 'member' }], scopes: GUARDRAIL_SCOPES });
    const m = sdk(stack, member.api_keys[0]!.key);
    const created = await m.guardrails.create({ name: 'Member made', checks: TF_CHECKS, actions: PORTKEY_ACTIONS });
    expect((await m.guardrails.retrieve({ guardrail_id: created.id })).owner_id).toBe(member.id);
    await m.guardrails.update({ guardrail_id: created.id, name: 'Member renamed' });
    expect((await m.guardrails.list()).data.map((g) => g.name)).toContain('Member renamed');
    expect(await sdkError(m.guardrails.delete({ guardrail_id: created.id }))).toMatchObject({ status: 403, error: { data: { errorCode: 'AB03' } } });
    await pk.guardrails.delete({ guardrail_id: created.id });
  });

  it('a guardrail a workspace default names cannot be deleted: 409 AB07 naming the workspace', async () => {
    const ws = await workspace(stack, 'Defaulted');
    const g = await pk.guardrails.create({ name: 'Default input', workspace_id: ws.id, checks: TF_CHECKS, actions: PORTKEY_ACTIONS });
    await http(stack, 'PUT', `/admin/workspaces/${ws.id}`, { key: stack.adminKey, body: { defaults: { input_guardrails: [g.slug] } } });
    expect(await sdkError(pk.guardrails.delete({ guardrail_id: g.id }))).toMatchObject({ status: 409, error: { data: { errorCode: 'AB07', message: expect.stringContaining(ws.slug) } } });
    await http(stack, 'PUT', `/admin/workspaces/${ws.id}`, { key: stack.adminKey, body: { defaults: { input_guardrails: [] } } });
    await pk.guardrails.delete({ guardrail_id: g.id });
  });

  it('concurrent updates all land as versions, or are refused with 409', async () => {
    const g = await pk.guardrails.create({ name: 'Contended', workspace_id: wsA.id, checks: TF_CHECKS, actions: PORTKEY_ACTIONS });
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => http(stack, 'PUT', `/guardrails/${g.id}`, { key: stack.adminKey, body: { name: `Name ${i}` } })));
    for (const r of results) expect([200, 409]).toContain(r.status);
    const landed = results.filter((r) => r.status === 200).length;
    expect((await http(stack, 'GET', `/guardrails/${g.id}/versions`, { key: stack.adminKey })).body.total).toBe(1 + landed);
  });

  it('deleting a workspace that holds guardrails is 409 AB07 unless force_delete, which removes them', async () => {
    const ws = await workspace(stack, 'Short lived');
    const g = await pk.guardrails.create({ name: 'Goes too', workspace_id: ws.id, checks: TF_CHECKS, actions: PORTKEY_ACTIONS });
    expect(await sdkError(pk.admin.workspaces.delete({ workspaceId: ws.id, name: 'Short lived' }))).toMatchObject({ status: 409, error: { data: { message: expect.stringContaining('guardrails') } } });
    expect((await http(stack, 'DELETE', `/admin/workspaces/${ws.id}`, { key: stack.adminKey, body: { name: 'Short lived', force_delete: true } })).status).toBe(200);
    expect(await sdkError(pk.guardrails.retrieve({ guardrail_id: g.id }))).toMatchObject({ status: 404 });
  });

  it('every write is audited with the guardrail body in request_body', async () => {
    const created = await pk.guardrails.create({ name: 'Audited', workspace_id: wsA.id, checks: TF_CHECKS, actions: PORTKEY_ACTIONS });
    await pk.guardrails.update({ guardrail_id: created.slug, actions: TF_ACTIONS as never });
    await pk.guardrails.delete({ guardrail_id: created.slug });
    const records = await eventually(async () => {
      const listed = await http(stack, 'GET', `/audit-logs?${window()}&resource_type=guardrails&page_size=100`, { key: stack.adminKey });
      const mine = listed.body.records.filter((r: { resource_id: string }) => r.resource_id === created.id).reverse();
      return mine.length === 3 ? mine : false;
    });
    expect(records.map((r: { action: string }) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(records[0]).toMatchObject({ workspace_id: wsA.id, response_status_code: 200 });
    expect(JSON.parse(records[0].request_body)).toMatchObject({ name: 'Audited', checks: TF_CHECKS, actions: PORTKEY_ACTIONS });
    expect(JSON.parse(records[1].request_body)).toMatchObject({ actions: TF_ACTIONS });
  });
});
