import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http, inviteAndAccept } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

/** Everything a client can see, in a comparable form. */
async function snapshot(stack: Stack, adminKey: string) {
  const get = async (path: string) => (await http(stack, 'GET', path, { key: adminKey })).body;
  const workspaces = await get('/admin/workspaces?page_size=100');
  const members: Record<string, unknown> = {};
  for (const ws of workspaces.data) members[ws.id] = await get(`/admin/workspaces/${ws.id}/users`);
  return {
    workspaces,
    members,
    users: await get('/admin/users?pageSize=100'),
    invites: await get('/admin/users/invites?pageSize=100'),
    keys: await get('/api-keys?page_size=100'),
  };
}

describe.each(['memory', 'mongo'] as const)('state lives in the event store (%s query engine)', (engine) => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ queryEngine: engine });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('a restart keeps every organisation, user, invite, workspace and key; dropping the read models rebuilds them', async () => {
    const other = await stack.createOrganisation('Second', 'second@example.com');
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Persistent', description: 'kept' } })).body;
    await http(stack, 'PUT', `/admin/workspaces/${ws.id}`, { key: stack.adminKey, body: { rate_limits: [{ type: 'requests', unit: 'rpm', value: 7 }] } });
    const user = await inviteAndAccept(stack, stack.adminKey, { email: 'keep@example.com', role: 'admin', workspaces: [{ id: ws.id, role: 'manager' }] });
    await http(stack, 'POST', '/admin/users/invites', { key: stack.adminKey, body: { email: 'pending@example.com', role: 'member', workspaces: [{ id: ws.slug, role: 'member' }] } });
    const cancelled = (await http(stack, 'POST', '/admin/users/invites', { key: stack.adminKey, body: { email: 'gone@example.com', role: 'member', workspaces: [] } })).body;
    await http(stack, 'DELETE', `/admin/users/invites/${cancelled.id}`, { key: stack.adminKey });
    await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'kept key', scopes: ['workspaces.read'], workspace_id: ws.id } });
    await http(stack, 'POST', '/admin/workspaces', { key: other.adminKey, body: { name: 'Theirs' } });

    const before = await snapshot(stack, stack.adminKey);
    const theirsBefore = await snapshot(stack, other.adminKey);
    expect(before.users.total).toBe(2);
    expect(before.invites.total).toBe(3);

    await stack.restart();
    expect(await snapshot(stack, stack.adminKey)).toEqual(before);
    expect(await snapshot(stack, other.adminKey)).toEqual(theirsBefore);
    // The user's key still works after the restart.
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: user.api_keys[0]!.key })).status).toBe(200);

    await stack.restart({ dropReadModels: true });
    expect(await snapshot(stack, stack.adminKey)).toEqual(before);
    expect(await snapshot(stack, other.adminKey)).toEqual(theirsBefore);
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: user.api_keys[0]!.key })).status).toBe(200);
  }, 120_000);

  it('restarting never creates a second bootstrap organisation or master key', async () => {
    const before = await snapshot(stack, stack.adminKey);
    await stack.restart();
    const after = await snapshot(stack, stack.adminKey);
    expect(after.keys.data.filter((k: { name: string }) => k.name === 'Master admin key')).toHaveLength(1);
    expect(after.workspaces.data.filter((w: { is_default: number }) => w.is_default === 1)).toHaveLength(1);
    expect(after.users.total).toBe(before.users.total);
  }, 120_000);
});
