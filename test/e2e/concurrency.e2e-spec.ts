import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { http, inviteAndAccept } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

describe('concurrent conflicting writes: exactly one wins, the rest get 409', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('two simultaneous invites of one email: one succeeds, the other is 409 AB07', async () => {
    for (let round = 0; round < 5; round++) {
      const email = `race${round}@example.com`;
      const results = await Promise.all(
        [0, 1, 2].map(() => http(stack, 'POST', '/admin/users/invites', { key: stack.adminKey, body: { email, role: 'member', workspaces: [] } })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
      expect(results.filter((r) => r.status === 409).every((r) => r.body.data.errorCode === 'AB07')).toBe(true);
      const listed = await http(stack, 'GET', `/admin/users/invites?email=${email}`, { key: stack.adminKey });
      expect(listed.body.total).toBe(1);
    }
  });

  it('workspaces created at once with one name get distinct slugs', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Same Name' } })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(new Set(results.map((r) => r.body.slug)).size).toBe(6);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(6);
    const listed = await http(stack, 'GET', '/admin/workspaces?exact_name=Same%20Name', { key: stack.adminKey });
    expect(listed.body.total).toBe(6);
  });

  it('concurrent role changes are all applied in some order: none is lost silently', async () => {
    const ws = await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Roles' } });
    const users = await Promise.all(
      ['r1', 'r2', 'r3', 'r4'].map((n) => inviteAndAccept(stack, stack.adminKey, { email: `${n}@example.com`, role: 'member', workspaces: [{ id: ws.body.id, role: 'member' }] })),
    );
    // Different members at once: each change lands, although all go to one workspace stream.
    const roles = ['admin', 'manager', 'admin', 'manager'] as const;
    const changes = await Promise.all(
      users.map((u, i) => http(stack, 'PUT', `/admin/workspaces/${ws.body.id}/users/${u.id}`, { key: stack.adminKey, body: { role: roles[i] } })),
    );
    expect(changes.map((c) => c.status)).toEqual([200, 200, 200, 200]);
    const members = await http(stack, 'GET', `/admin/workspaces/${ws.body.id}/users`, { key: stack.adminKey });
    const byId = Object.fromEntries(members.body.data.map((m: { id: string; role: string }) => [m.id, m.role]));
    expect(users.map((u) => byId[u.id])).toEqual([...roles]);

    // Organisation roles of different users at once, on the one organisation stream.
    const orgChanges = await Promise.all(users.map((u) => http(stack, 'PUT', `/admin/users/${u.id}`, { key: stack.adminKey, body: { role: 'admin' } })));
    expect(orgChanges.every((c) => c.status === 200)).toBe(true);
    for (const u of users) expect((await http(stack, 'GET', `/admin/users/${u.id}`, { key: stack.adminKey })).body.role).toBe('admin');
  });

  it('racing attempts to demote the last owner all fail; the owner stays', async () => {
    const owner = (await http(stack, 'GET', '/admin/users?role=owner', { key: stack.adminKey })).body.data[0];
    const attempts = await Promise.all(
      Array.from({ length: 4 }, () => http(stack, 'PUT', `/admin/users/${owner.id}`, { key: stack.adminKey, body: { role: 'member' } })),
    );
    expect(attempts.every((a) => a.status === 409)).toBe(true);
    expect((await http(stack, 'GET', `/admin/users/${owner.id}`, { key: stack.adminKey })).body.role).toBe('owner');
  });

  it('an invite accepted twice at the same moment is accepted once', async () => {
    const created = await http(stack, 'POST', '/admin/users/invites', { key: stack.adminKey, body: { email: 'twice@example.com', role: 'member', workspaces: [] } });
    const token = new URL(created.body.invite_link).searchParams.get('token');
    const results = await Promise.all(
      [0, 1, 2].map(() => http(stack, 'POST', '/invites/accept', { body: { token, first_name: 'T', last_name: 'W' } })),
    );
    const ok = results.filter((r) => r.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    // Every success names the same user; the other attempts are refused, not duplicated.
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409)).toBe(true);
    const users = await http(stack, 'GET', '/admin/users?email=twice@example.com', { key: stack.adminKey });
    expect(users.body.total).toBe(1);
  });
});
