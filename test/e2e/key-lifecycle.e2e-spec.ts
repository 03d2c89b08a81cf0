import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { http, inviteAndAccept, tokenOf } from '../support/clients.js';
import { CapturingLogger, startStack, type Stack } from '../support/stack.js';
import { dumpDatabases, dumpEventStore } from '../support/store-dump.js';

const THIRTY_ONE_MINUTES = 31 * 60_000;

describe('API keys: secrets, rotation, expiry, revocation', () => {
  let stack: Stack;
  const logs = new CapturingLogger();
  beforeAll(async () => {
    stack = await startStack({}, { logger: logs });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('no plaintext key or invite token appears in the event store, the databases, the logs or error messages', async () => {
    const secrets: string[] = [stack.adminKey];
    const errors: string[] = [];
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Secrets' } })).body;
    for (let i = 0; i < 3; i++) {
      const created = await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: `s${i}`, scopes: ['workspaces.read', 'workspace_service_api_keys.rotate', 'workspace_service_api_keys.read'], workspace_id: ws.id } });
      secrets.push(created.body.key);
      expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: created.body.key })).status).toBe(200);
      const rotated = await http(stack, 'POST', `/api-keys/${created.body.id}/rotate`, { key: created.body.key, body: {} });
      secrets.push(rotated.body.key);
      expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: rotated.body.key })).status).toBe(200);
      // Requests that fail must not echo the key either.
      errors.push(JSON.stringify((await http(stack, 'GET', '/admin/users', { key: rotated.body.key })).body));
      errors.push(JSON.stringify((await http(stack, 'GET', '/admin/users', { key: `${rotated.body.key.slice(0, -1)}0` })).body));
    }
    const org = (await http(stack, 'POST', '/api-keys/organisation/service', { key: stack.adminKey, body: { name: 'org', scopes: ['workspaces.list'] } })).body;
    secrets.push(org.key);
    const invite = (await http(stack, 'POST', '/admin/users/invites', { key: stack.adminKey, body: { email: 'secret@example.com', role: 'member', workspaces: [{ id: ws.id, role: 'member' }] } })).body;
    const token = tokenOf(invite.invite_link);
    secrets.push(token);
    const accepted = await http(stack, 'POST', '/invites/accept', { body: { token, first_name: 'S', last_name: 'E' } });
    secrets.push(...accepted.body.api_keys.map((k: { key: string }) => k.key));
    errors.push(JSON.stringify((await http(stack, 'POST', '/invites/accept', { body: { token, first_name: 'S', last_name: 'E' } })).body));
    const vk = (await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'x', scopes: ['workspaces.read'], workspace_id: ws.id, description: 'no secrets here' } })).body;
    secrets.push(vk.key);

    expect(secrets.length).toBeGreaterThan(10);
    expect(logs.lines.length).toBeGreaterThan(0);
    const haystacks = {
      'event store': await dumpEventStore(stack),
      databases: await dumpDatabases(stack),
      logs: logs.lines.join('\n'),
      'error messages': errors.join('\n'),
    };
    expect(haystacks['event store']).toContain('ApiKeyRotated');
    for (const [where, text] of Object.entries(haystacks)) {
      const leaked = secrets.filter((s) => text.includes(s) || text.includes(s.slice(-48)));
      expect({ where, leaked }).toEqual({ where, leaked: [] });
    }
  });

  it('rotation: both secrets work during the transition, only the new one after it', async () => {
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Rotation' } })).body;
    const created = (await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'r', scopes: ['workspaces.read'], workspace_id: ws.id } })).body;
    const old = created.key as string;
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: old })).status).toBe(200);
    const rotated = await http(stack, 'POST', `/api-keys/${created.id}/rotate`, { key: stack.adminKey, body: {} });
    expect(rotated.status).toBe(200);
    expect(rotated.body).toMatchObject({ id: created.id, object: 'api-key' });
    expect(rotated.body.key).not.toBe(old);
    expect(Date.parse(rotated.body.key_transition_expires_at) - Date.now()).toBeGreaterThan(29 * 60_000);
    const fresh = rotated.body.key as string;
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: old })).status).toBe(200);
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: fresh })).status).toBe(200);
    expect((await http(stack, 'GET', `/api-keys/${created.id}`, { key: stack.adminKey })).body.key_transition_expires_at).toBe(rotated.body.key_transition_expires_at);

    stack.advanceClock(THIRTY_ONE_MINUTES);
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: old })).status).toBe(401);
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: fresh })).status).toBe(200);
  });

  it('a longer transition can be asked for; shorter than 30 minutes is refused', async () => {
    const created = (await http(stack, 'POST', '/api-keys/organisation/service', { key: stack.adminKey, body: { name: 'long', scopes: ['workspaces.list'] } })).body;
    expect((await http(stack, 'POST', `/api-keys/${created.id}/rotate`, { key: stack.adminKey, body: { key_transition_period_ms: 60_000 } })).status).toBe(400);
    const rotated = await http(stack, 'POST', `/api-keys/${created.id}/rotate`, { key: stack.adminKey, body: { key_transition_period_ms: 2 * 3600_000 } });
    expect(Date.parse(rotated.body.key_transition_expires_at) - Date.now()).toBeGreaterThan(119 * 60_000);
  });

  it('an expired key is refused without waiting for any event, even while cached', async () => {
    const expiresAt = new Date(Date.now() + 3600_000 + 60_000).toISOString();
    const created = (await http(stack, 'POST', '/api-keys/organisation/service', { key: stack.adminKey, body: { name: 'short-lived', scopes: ['workspaces.list'], expires_at: expiresAt } })).body;
    expect(created.expires_at).toBe(expiresAt);
    expect((await http(stack, 'GET', '/admin/workspaces', { key: created.key })).status).toBe(200);
    stack.advanceClock(2 * 3600_000);
    expect((await http(stack, 'GET', '/admin/workspaces', { key: created.key })).status).toBe(401);
  });

  it('a deleted user key and a user removed from the organisation are refused on the next request', async () => {
    const user = await inviteAndAccept(stack, stack.adminKey, { email: 'gone@example.com', role: 'member', workspaces: [{ id: stack.defaultWorkspaceId, role: 'member' }] });
    const key = user.api_keys[0]!;
    expect((await http(stack, 'GET', `/admin/workspaces/${key.workspace_id}`, { key: key.key })).status).toBe(200);
    expect((await http(stack, 'DELETE', `/api-keys/${key.id}`, { key: stack.adminKey })).status).toBe(200);
    expect((await http(stack, 'GET', `/admin/workspaces/${key.workspace_id}`, { key: key.key })).status).toBe(401);
  });

  it('revocation under load reaches another gateway replica quickly (measured, reported)', async () => {
    const replica = await stack.extraGateway();
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Revocation' } })).body;
    const deleteLatencies: number[] = [];
    const narrowLatencies: number[] = [];
    try {
      for (let trial = 0; trial < 12; trial++) {
        const narrowing = trial % 2 === 1;
        const key = (
          await http(stack, 'POST', '/api-keys/workspace/service', {
            key: stack.adminKey,
            body: { name: `load-${trial}`, scopes: ['workspaces.read', 'workspace_users.list'], workspace_id: ws.id },
          })
        ).body;
        const path = narrowing ? `/admin/workspaces/${ws.id}/users` : `/admin/workspaces/${ws.id}`;
        // Steady load on the replica with the key being revoked.
        let stop = false;
        let commandDoneAt = 0;
        let firstRefusedAt = 0;
        let allowedAfterGrace = 0;
        const load = Array.from({ length: 4 }, async () => {
          while (!stop) {
            const sentAt = performance.now();
            const result = await http(stack, 'GET', path, { key: key.key, apiUrl: replica.apiUrl });
            if (commandDoneAt && result.status !== 200 && !firstRefusedAt) firstRefusedAt = performance.now();
            if (commandDoneAt && result.status === 200 && sentAt > commandDoneAt + 1000) allowedAfterGrace++;
          }
        });
        await new Promise((r) => setTimeout(r, 30));
        if (narrowing) await http(stack, 'PUT', `/api-keys/${key.id}`, { key: stack.adminKey, body: { scopes: ['workspaces.read'] } });
        else await http(stack, 'DELETE', `/api-keys/${key.id}`, { key: stack.adminKey });
        commandDoneAt = performance.now();
        while (!firstRefusedAt && performance.now() - commandDoneAt < 3000) await new Promise((r) => setTimeout(r, 1));
        await new Promise((r) => setTimeout(r, 1100));
        stop = true;
        await Promise.all(load);
        expect(firstRefusedAt).toBeGreaterThan(0);
        expect(allowedAfterGrace).toBe(0);
        (narrowing ? narrowLatencies : deleteLatencies).push(firstRefusedAt - commandDoneAt);
      }
    } finally {
      await replica.close();
    }
    const all = [...deleteLatencies, ...narrowLatencies].sort((a, b) => a - b);
    const pct = (p: number) => all[Math.min(all.length - 1, Math.floor((p / 100) * all.length))]!;
    const report = { trials: all.length, p50Ms: +pct(50).toFixed(2), p99Ms: +pct(99).toFixed(2), maxMs: +all.at(-1)!.toFixed(2), deleteMs: deleteLatencies.map((x) => +x.toFixed(2)), narrowMs: narrowLatencies.map((x) => +x.toFixed(2)) };
    process.stderr.write(`\n[revocation] first refused request on another gateway after the command's reply: ${JSON.stringify(report)}\n`);
    const dir = join(process.env.PORTCULLIS_ROOT ?? process.cwd(), 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'revocation-test.json'), `${JSON.stringify({ at: new Date().toISOString(), ...report }, null, 2)}\n`);
  }, 120_000);
});

describe('the bootstrap admin key', () => {
  it('is generated when not configured, written once with mode 0600, and survives restarts unchanged', async () => {
    // The fixture normally chooses the key; here the deployment sets none and one is generated.
    const stack = await startStack({ bootstrapAdminKey: undefined });
    try {
      const file = join(stack.config.dataDir, 'bootstrap-admin-key');
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      const key = readFileSync(file, 'utf8').trim();
      expect(key).toMatch(/^pc_org_[0-9a-f]{32}_[0-9a-f]{56}$/);
      expect((await http(stack, 'GET', '/admin/users', { key })).status).toBe(200);
      await stack.restart();
      expect(readFileSync(file, 'utf8').trim()).toBe(key);
      const keys = (await http(stack, 'GET', '/api-keys', { key })).body;
      expect(keys.data.filter((k: { name: string }) => k.name === 'Master admin key')).toHaveLength(1);
      expect(keys.data[0].scopes).toContain('audit_logs.list');
    } finally {
      await stack.stop();
    }
  }, 90_000);
});
