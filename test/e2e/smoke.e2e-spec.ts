import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Portkey } from 'portkey-ai';
import { startStack, type Stack } from '../support/stack.js';

describe('smoke', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('works', async () => {
    const pk = new Portkey({ apiKey: stack.adminKey, baseURL: stack.apiUrl });
    const ws = await pk.admin.workspaces.create({ name: 'Smoke test' });
    console.log(JSON.stringify(ws));
    const got = await pk.admin.workspaces.retrieve({ workspaceId: ws.id });
    const list = await pk.admin.workspaces.list({});
    const users = await pk.admin.users.list({});
    console.log(JSON.stringify(got), JSON.stringify(list.total), JSON.stringify(users));
    const invite = await pk.admin.users.invites.create({ email: 'a@b.io', role: 'member', workspaces: [{ id: ws.slug!, role: 'manager' }] });
    console.log(JSON.stringify(invite));
    const token = new URL(invite.invite_link!).searchParams.get('token');
    const accepted = await fetch(`${stack.apiUrl}/invites/accept`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, first_name: 'A', last_name: 'B' }) });
    const acceptedBody = await accepted.json();
    console.log(accepted.status, JSON.stringify(acceptedBody));
    const key = await pk.apiKeys.create({ type: 'workspace', 'sub-type': 'service', name: 'svc', scopes: ['workspaces.read', 'workspace_users.list'], workspace_id: ws.id } as never);
    console.log(JSON.stringify(key));
    const wsPk = new Portkey({ apiKey: (key as { key: string }).key, baseURL: stack.apiUrl });
    const members = await wsPk.admin.workspaces.users.list({ workspaceId: ws.id });
    console.log(JSON.stringify(members));
    expect(got.id).toBe(ws.id);
  }, 60_000);
});
describe('bad input smoke', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });
  it('bad', async () => {
    const h = { 'x-portkey-api-key': stack.adminKey, 'content-type': 'application/json' };
    for (const body of ['{bad json', JSON.stringify({ name: 'x'.repeat(1_100_000) }), JSON.stringify({ name: 5 }), '', JSON.stringify({ nope: 1 }), '[1,2]', 'null']) {
      const r = await fetch(`${stack.apiUrl}/admin/workspaces`, { method: 'POST', headers: h, body });
      console.log(body.slice(0, 20), r.status, await r.text());
    }
    const r = await fetch(`${stack.apiUrl}/admin/workspaces`, { method: 'POST', headers: { ...h, 'content-type': 'text/plain' }, body: 'hello' });
    console.log('text', r.status, await r.text());
    const r2 = await fetch(`${stack.apiUrl}/admin/workspaces?page_size=abc`, { headers: h });
    console.log('qs', r2.status, await r2.text());
    const r3 = await fetch(`${stack.apiUrl}/admin/workspaces/${stack.defaultWorkspaceId}`, { method: 'DELETE', headers: h });
    console.log('del empty', r3.status, await r3.text());
    const r4 = await fetch(`${stack.apiUrl}/admin/workspaces`, { headers: { 'x-portkey-api-key': 'nope' } });
    console.log('bad key', r4.status, await r4.text());
  }, 60_000);
});
