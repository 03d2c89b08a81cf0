import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultUserKeyScopes } from '#libs/authz';
import { http, inviteAndAccept, sdk, sdkError, tokenOf } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

const RFC3339_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe.each(['memory', 'mongo'] as const)('Admin API through the official portkey-ai SDK (%s query engine)', (engine) => {
  let stack: Stack;
  let pk: ReturnType<typeof sdk>;
  beforeAll(async () => {
    stack = await startStack({ queryEngine: engine });
    pk = sdk(stack, stack.adminKey);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('workspaces: create, get by id and by slug, list with filters and paging, update, delete', async () => {
    const created = await pk.admin.workspaces.create({ name: 'Research Lab', description: 'models', defaults: { metadata: { team: 'r' } } });
    expect(created).toMatchObject({ object: 'workspace', name: 'Research Lab', description: 'models', is_default: 0, status: 'active', organisation_id: stack.orgId });
    expect(created.slug).toMatch(/^ws-resear-[0-9a-f]{6}$/);
    expect(created.created_at).toMatch(RFC3339_MS);

    const byId = await pk.admin.workspaces.retrieve({ workspaceId: created.id });
    const bySlug = await pk.admin.workspaces.retrieve({ workspaceId: created.slug });
    expect(bySlug.id).toBe(created.id);
    expect(byId).toMatchObject({ id: created.id, users: [], defaults: { metadata: { team: 'r' } } });

    await pk.admin.workspaces.create({ name: 'Research Lab 2' });
    const partial = await pk.admin.workspaces.list({ name: 'Research' });
    expect(partial.data!.map((w) => w.name).sort()).toEqual(['Research Lab', 'Research Lab 2']);
    expect((await pk.admin.workspaces.list({ name: 'research' })).total).toBe(0);
    const exact = await pk.admin.workspaces.list({ exact_name: 'Research Lab' });
    expect(exact.data!.map((w) => w.id)).toEqual([created.id]);
    const page = await pk.admin.workspaces.list({ page_size: 1, current_page: 1 });
    expect(page).toMatchObject({ object: 'list', total: 3 });
    expect(page.data).toHaveLength(1);
    expect(page.data![0]).not.toHaveProperty('users');

    const updated = await pk.admin.workspaces.update({ workspaceId: created.id, name: 'Research', description: 'renamed' });
    expect(updated).toEqual(expect.objectContaining({}));
    await http(stack, 'PUT', `/admin/workspaces/${created.id}`, {
      key: stack.adminKey,
      body: { usage_limits: [{ credit_limit: 10, type: 'cost', alert_threshold: 5, periodic_reset: 'monthly' }], rate_limits: [{ type: 'requests', unit: 'rpm', value: 100 }] },
    });
    const after = await pk.admin.workspaces.retrieve({ workspaceId: created.id });
    expect(after).toMatchObject({
      name: 'Research',
      description: 'renamed',
      usage_limits: [{ credit_limit: 10, type: 'cost', alert_threshold: 5, periodic_reset: 'monthly' }],
      rate_limits: [{ type: 'requests', unit: 'rpm', value: 100 }],
    });

    await http(stack, 'PUT', `/admin/workspaces/${created.id}`, { key: stack.adminKey, body: { status: 'archived' } });
    expect((await pk.admin.workspaces.list({ status: 'archived' })).data!.map((w) => w.id)).toEqual([created.id]);
    expect((await pk.admin.workspaces.list({ status: 'active,archived' })).total).toBe(3);

    expect(await sdkError(pk.admin.workspaces.delete({ workspaceId: created.id, name: 'wrong' }))).toMatchObject({ status: 400, error: { data: { errorCode: 'AB01' } } });
    await pk.admin.workspaces.delete({ workspaceId: created.id, name: 'Research' });
    expect(await sdkError(pk.admin.workspaces.retrieve({ workspaceId: created.id }))).toMatchObject({ status: 403, error: { success: false, data: { errorCode: 'AB03' } } });
  });

  it('a workspace with keys in it refuses deletion (409 AB07) unless force_delete, which removes the keys too', async () => {
    const ws = await pk.admin.workspaces.create({ name: 'Doomed' });
    const key = (await pk.apiKeys.create({ type: 'workspace', 'sub-type': 'service', name: 'svc', scopes: ['workspaces.read'], workspace_id: ws.id } as never)) as { id: string; key: string };
    expect(await sdkError(pk.admin.workspaces.delete({ workspaceId: ws.id, name: 'Doomed' }))).toMatchObject({ status: 409, error: { data: { errorCode: 'AB07' } } });
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: key.key })).status).toBe(200);
    const forced = await http(stack, 'DELETE', `/admin/workspaces/${ws.id}`, { key: stack.adminKey, body: { name: 'Doomed', force_delete: true } });
    expect(forced).toEqual({ status: 200, body: {} });
    expect((await http(stack, 'GET', `/api-keys/${key.id}`, { key: stack.adminKey })).status).toBe(404);
    expect((await http(stack, 'GET', '/admin/workspaces', { key: key.key })).status).toBe(401);
  });

  it('invites: create, get, list with filters and camelCase paging, resend (voiding the old link), cancel', async () => {
    const ws = await pk.admin.workspaces.create({ name: 'Invites' });
    const invite = await pk.admin.users.invites.create({ email: 'Dana@Example.com', role: 'member', workspaces: [{ id: ws.slug, role: 'manager' }] });
    expect(invite.invite_link).toMatch(/\/v1\/invites\/accept\?token=pcinv_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const got = await pk.admin.users.invites.retrieve({ inviteId: invite.id });
    expect(got).toMatchObject({ object: 'invite', id: invite.id, email: 'dana@example.com', role: 'member', status: 'pending', accepted_at: null, workspaces: [{ id: ws.id, role: 'manager' }] });
    expect(Date.parse(got.expires_at as unknown as string) - Date.parse(got.created_at as unknown as string)).toBe(7 * 24 * 3600 * 1000);
    await pk.admin.users.invites.create({ email: 'eve@example.com', role: 'admin', workspaces: [] });
    expect((await pk.admin.users.invites.list({ email: 'dana@example.com' })).data!.map((i) => i.id)).toEqual([invite.id]);
    expect((await pk.admin.users.invites.list({ role: 'admin' })).data!.map((i) => i.email)).toEqual(['eve@example.com']);
    const paged = await pk.admin.users.invites.list({ pageSize: 1, currentPage: 1 });
    expect(paged.total).toBe(2);
    expect(paged.data).toHaveLength(1);

    const resent = await pk.admin.users.invites.resend({ inviteId: invite.id });
    expect(resent.inviteLink).toMatch(/token=pcinv_/);
    const old = await http(stack, 'POST', '/invites/accept', { body: { token: tokenOf(invite.invite_link!), first_name: 'D', last_name: 'A' } });
    expect(old).toMatchObject({ status: 400, body: { data: { errorCode: 'AB01' } } });

    await pk.admin.users.invites.delete({ inviteId: invite.id });
    expect((await pk.admin.users.invites.retrieve({ inviteId: invite.id })).status).toBe('cancelled');
    expect((await pk.admin.users.invites.list({ status: 'cancelled' })).data!.map((i) => i.id)).toEqual([invite.id]);
    const cancelled = await http(stack, 'POST', '/invites/accept', { body: { token: tokenOf(resent.inviteLink), first_name: 'D', last_name: 'A' } });
    expect(cancelled).toMatchObject({ status: 409, body: { data: { message: 'the invite was cancelled', errorCode: 'AB07' } } });
    // Cancelling freed the email: it can be invited again.
    expect((await pk.admin.users.invites.create({ email: 'dana@example.com', role: 'member', workspaces: [] })).id).toBeDefined();
  });

  it('accepting an invite creates the user with the invited role, memberships and one user key per workspace', async () => {
    const [a, b] = await Promise.all([pk.admin.workspaces.create({ name: 'Alpha' }), pk.admin.workspaces.create({ name: 'Beta' })]);
    const invite = await pk.admin.users.invites.create({
      email: 'sam@example.com',
      role: 'admin',
      workspaces: [
        { id: a.id, role: 'member' },
        { id: b.slug, role: 'manager' },
      ],
      workspace_api_key_details: { scopes: ['workspaces.read', 'completions.write'] },
    });
    const token = tokenOf(invite.invite_link!);
    const accepted = await http(stack, 'POST', '/invites/accept', { body: { token, first_name: 'Sam', last_name: 'Smith' } });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ object: 'user', email: 'sam@example.com', role: 'admin' });
    expect(accepted.body.api_keys).toHaveLength(2);
    expect(accepted.body.api_keys.map((k: { workspace_id: string }) => k.workspace_id).sort()).toEqual([a.id, b.id].sort());
    for (const k of accepted.body.api_keys) {
      expect(k).toMatchObject({ type: 'workspace-user', key: expect.stringMatching(/^pc_wsu_/) });
      const details = await http(stack, 'GET', `/api-keys/${k.id}`, { key: stack.adminKey });
      expect(details.body).toMatchObject({ user_id: accepted.body.id, scopes: ['workspaces.read', 'completions.write'] });
      expect((await http(stack, 'GET', `/admin/workspaces/${k.workspace_id}`, { key: k.key })).status).toBe(200);
    }
    const user = await pk.admin.users.retrieve({ userId: accepted.body.id });
    expect(user).toMatchObject({ first_name: 'Sam', last_name: 'Smith', role: 'admin', email: 'sam@example.com' });
    expect([...user.workspace_ids!].sort()).toEqual([a.id, b.id].sort());
    expect((await pk.admin.workspaces.users.retrieve({ workspaceId: b.id, userId: accepted.body.id })).role).toBe('manager');
    expect((await pk.admin.users.invites.retrieve({ inviteId: invite.id })).status).toBe('accepted');

    const twice = await http(stack, 'POST', '/invites/accept', { body: { token, first_name: 'Sam', last_name: 'Smith' } });
    expect(twice).toMatchObject({ status: 409, body: { data: { message: 'the invite has already been accepted' } } });

    // No scopes named: the key gets the defaults of the workspace role.
    const member = await inviteAndAccept(stack, stack.adminKey, { email: 'kim@example.com', role: 'member', workspaces: [{ id: a.id!, role: 'member' }] });
    const details = await http(stack, 'GET', `/api-keys/${member.api_keys[0]!.id}`, { key: stack.adminKey });
    expect(details.body.scopes.sort()).toEqual(defaultUserKeyScopes('member'));
  });

  it('an expired invite cannot be accepted; resending renews it', async () => {
    const invite = await pk.admin.users.invites.create({ email: 'late@example.com', role: 'member', workspaces: [] });
    stack.advanceClock(8 * 24 * 3600 * 1000);
    expect((await pk.admin.users.invites.retrieve({ inviteId: invite.id })).status).toBe('expired');
    expect((await pk.admin.users.invites.list({ status: 'expired' })).data!.map((i) => i.id)).toContain(invite.id);
    const late = await http(stack, 'POST', '/invites/accept', { body: { token: tokenOf(invite.invite_link!), first_name: 'L', last_name: 'A' } });
    expect(late).toMatchObject({ status: 409, body: { data: { message: 'the invite has expired; ask for it to be resent' } } });
    const resent = await pk.admin.users.invites.resend({ inviteId: invite.id });
    const accepted = await http(stack, 'POST', '/invites/accept', { body: { token: tokenOf(resent.inviteLink), first_name: 'L', last_name: 'A' } });
    expect(accepted.status).toBe(200);
  });

  it('users: list with filters and camelCase paging, get, change role, delete (memberships go, keys stop working)', async () => {
    const ws = await pk.admin.workspaces.create({ name: 'People' });
    const u = await inviteAndAccept(stack, stack.adminKey, { email: 'lee@example.com', role: 'member', workspaces: [{ id: ws.id!, role: 'member' }] });
    const all = await pk.admin.users.list({});
    expect(all.data!.find((x) => x.role === 'owner')).toBeDefined();
    expect((await pk.admin.users.list({ email: 'lee@example.com' })).data!.map((x) => x.id)).toEqual([u.id]);
    expect((await pk.admin.users.list({ role: 'owner' })).total).toBe(1);
    const page = await pk.admin.users.list({ pageSize: 1, currentPage: 0 });
    expect(page.data).toHaveLength(1);
    expect(page.total).toBe(all.total);

    await pk.admin.users.update({ userId: u.id, role: 'admin' });
    expect((await pk.admin.users.retrieve({ userId: u.id })).role).toBe('admin');
    expect(await sdkError(pk.admin.users.update({ userId: u.id, role: 'owner' }))).toMatchObject({ status: 400 });

    const key = u.api_keys[0]!.key;
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key })).status).toBe(200);
    await pk.admin.users.delete({ userId: u.id });
    expect(await sdkError(pk.admin.users.retrieve({ userId: u.id }))).toMatchObject({ status: 404 });
    expect((await pk.admin.workspaces.users.list({ workspaceId: ws.id })).total).toBe(0);
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key })).status).toBe(401);
    expect((await http(stack, 'GET', `/api-keys/${u.api_keys[0]!.id}`, { key: stack.adminKey })).status).toBe(404);
  });

  it('the last owner can be neither demoted nor removed', async () => {
    const owner = (await pk.admin.users.list({ role: 'owner' })).data![0]!;
    expect(await sdkError(pk.admin.users.update({ userId: owner.id, role: 'member' }))).toMatchObject({ status: 409, error: { data: { errorCode: 'AB07' } } });
    expect(await sdkError(pk.admin.users.delete({ userId: owner.id }))).toMatchObject({ status: 409 });
    expect((await pk.admin.users.retrieve({ userId: owner.id })).role).toBe('owner');
  });

  it('workspace members: add many, list with filters, get, change role, remove', async () => {
    const ws = await pk.admin.workspaces.create({ name: 'Team' });
    const x = await inviteAndAccept(stack, stack.adminKey, { email: 'x@example.com', role: 'member', workspaces: [] });
    const y = await inviteAndAccept(stack, stack.adminKey, { email: 'y@example.com', role: 'member', workspaces: [] });
    await pk.admin.workspaces.users.create({ workspaceId: ws.id, users: [{ id: x.id, role: 'member' }, { id: y.id, role: 'admin' }] });
    const members = await pk.admin.workspaces.users.list({ workspaceId: ws.id });
    expect(members).toMatchObject({ object: 'list', total: 2 });
    expect(members.data![0]).toMatchObject({ object: 'workspace-user', status: 'active', workspace_id: ws.id, org_role: 'member' });
    expect((await pk.admin.workspaces.users.list({ workspaceId: ws.id, role: 'admin' })).data!.map((m) => (m as { email?: string }).email)).toEqual(['y@example.com']);
    expect((await pk.admin.workspaces.users.list({ workspaceId: ws.id, email: 'x@example.com' })).data!.map((m) => m.role)).toEqual(['member']);
    const one = await pk.admin.workspaces.users.retrieve({ workspaceId: ws.slug, userId: x.id });
    expect(one).toMatchObject({ id: x.id, first_name: 'x', email: 'x@example.com', role: 'member' });
    expect(one.scopes).toContain('prompts.create');
    await pk.admin.workspaces.users.update({ workspaceId: ws.id, userId: x.id, role: 'manager' });
    expect((await pk.admin.workspaces.users.retrieve({ workspaceId: ws.id, userId: x.id })).role).toBe('manager');
    await pk.admin.workspaces.users.delete({ workspaceId: ws.id, userId: x.id });
    expect(await sdkError(pk.admin.workspaces.users.retrieve({ workspaceId: ws.id, userId: x.id }))).toMatchObject({ status: 404 });
    expect((await pk.admin.workspaces.retrieve({ workspaceId: ws.id })).users!.map((u) => u.id)).toEqual([y.id]);
    expect(await sdkError(pk.admin.workspaces.users.create({ workspaceId: ws.id, users: [{ id: 'not-a-user', role: 'member' }] }))).toMatchObject({ status: 404 });
  });

  it('create → get → list immediately after always sees the write, with no sleeps', async () => {
    for (let i = 0; i < 15; i++) {
      const ws = await pk.admin.workspaces.create({ name: `Fresh ${i}` });
      expect((await pk.admin.workspaces.retrieve({ workspaceId: ws.id })).name).toBe(`Fresh ${i}`);
      expect((await pk.admin.workspaces.list({ exact_name: `Fresh ${i}` })).total).toBe(1);
      await pk.admin.workspaces.update({ workspaceId: ws.id, description: `d${i}` });
      expect((await pk.admin.workspaces.retrieve({ workspaceId: ws.slug })).description).toBe(`d${i}`);
      const invite = await pk.admin.users.invites.create({ email: `fresh${i}@example.com`, role: 'member', workspaces: [{ id: ws.id, role: 'member' }] });
      expect((await pk.admin.users.invites.retrieve({ inviteId: invite.id })).email).toBe(`fresh${i}@example.com`);
      expect((await pk.admin.users.invites.list({ email: `fresh${i}@example.com` })).total).toBe(1);
    }
  });

  it('missing resources answer 404 or 403 AB03; another organisation sees none of ours', async () => {
    const other = await stack.createOrganisation('Other Org', 'boss@other.example');
    const theirs = sdk(stack, other.adminKey);
    const ours = await pk.admin.workspaces.create({ name: 'Ours' });
    const invite = await pk.admin.users.invites.create({ email: 'ours@example.com', role: 'member', workspaces: [] });
    const user = await inviteAndAccept(stack, stack.adminKey, { email: 'mine@example.com', role: 'member', workspaces: [{ id: ours.id!, role: 'member' }] });
    expect(await sdkError(theirs.admin.workspaces.retrieve({ workspaceId: ours.id }))).toMatchObject({ status: 403, error: { data: { errorCode: 'AB03' } } });
    expect(await sdkError(theirs.admin.workspaces.retrieve({ workspaceId: ours.slug }))).toMatchObject({ status: 403 });
    expect(await sdkError(theirs.admin.workspaces.update({ workspaceId: ours.id, name: 'pwned' }))).toMatchObject({ status: 403 });
    expect(await sdkError(theirs.admin.users.invites.retrieve({ inviteId: invite.id }))).toMatchObject({ status: 404 });
    expect(await sdkError(theirs.admin.users.retrieve({ userId: user.id }))).toMatchObject({ status: 404 });
    expect(await sdkError(theirs.admin.users.delete({ userId: user.id }))).toMatchObject({ status: 404 });
    expect(await sdkError(theirs.apiKeys.retrieve({ id: user.api_keys[0]!.id }))).toMatchObject({ status: 404 });
    const theirList = await theirs.admin.workspaces.list({});
    expect(theirList.data!.map((w) => (w as { organisation_id?: string }).organisation_id)).toEqual([other.orgId]);
    expect((await theirs.admin.users.list({})).data!.map((u) => u.email)).toEqual(['boss@other.example']);
    expect((await theirs.admin.users.invites.list({})).total).toBe(0);
    expect(await sdkError(pk.admin.workspaces.retrieve({ workspaceId: 'no-such-workspace' }))).toMatchObject({ status: 403 });
    expect(await sdkError(pk.admin.users.retrieve({ userId: 'no-such-user' }))).toMatchObject({ status: 404, error: { data: { errorCode: 'AB08' } } });
    // The same email can belong to two organisations, each with its own role.
    const both = await inviteAndAccept(stack, other.adminKey, { email: 'mine@example.com', role: 'admin', workspaces: [] });
    expect(both.id).toBe(user.id);
    expect((await theirs.admin.users.retrieve({ userId: user.id })).role).toBe('admin');
    expect((await pk.admin.users.retrieve({ userId: user.id })).role).toBe('member');
  });
});
