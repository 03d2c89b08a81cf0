import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mongoose, { type Connection } from 'mongoose';
import { portcullis } from '../support/cli.js';
import { http, inviteAndAccept } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

describe('audit tooling: portcullis audit replay | verify | export | prune, state-at', () => {
  let stack: Stack;
  let audit: Connection;
  let ws: { id: string; slug: string };
  const secrets: string[] = [];
  let between = '';
  let memberId = '';

  beforeAll(async () => {
    stack = await startStack();
    audit = await mongoose.createConnection(stack.config.mongoUrl, { dbName: `${stack.config.dbPrefix}audit` }).asPromise();
    const admin = stack.adminKey;
    secrets.push(admin);
    ws = (await http(stack, 'POST', '/admin/workspaces', { key: admin, body: { name: 'Tooling' } })).body;
    const member = await inviteAndAccept(stack, admin, { email: 'tooling@example.com', role: 'member', workspaces: [{ id: ws.id, role: 'manager' }] });
    memberId = member.id;
    secrets.push(...member.api_keys.map((k) => k.key));
    const key = (await http(stack, 'POST', '/api-keys/workspace/service', { key: admin, body: { name: 'tooling-svc', scopes: ['workspaces.read'], workspace_id: ws.id } })).body;
    secrets.push(key.key);
    secrets.push((await http(stack, 'POST', `/api-keys/${key.id}/rotate`, { key: admin, body: {} })).body.key);
    await http(stack, 'PUT', `/admin/workspaces/${ws.id}`, { key: admin, body: { description: 'v2' } });
    await http(stack, 'GET', '/admin/users', { key: key.key });
    between = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    await http(stack, 'DELETE', `/admin/workspaces/${ws.id}/users/${member.id}`, { key: admin });
    await http(stack, 'DELETE', `/api-keys/${key.id}`, { key: admin });
    await http(stack, 'GET', '/admin/users', { key: 'pc_wss_00000000000000000000000000000000_000000000000000000000000000000000000000000000000deadbeef' });
    // The audit log has caught up with the session before the tools look at it.
    await http(stack, 'GET', `/audit-logs?start_time=2000-01-01T00:00:00Z&end_time=2100-01-01T00:00:00Z`, { key: admin });
  }, 90_000);

  afterAll(async () => {
    await audit?.close();
    await stack?.stop();
  });

  it('replay after a session reports zero differences, for the audit log and with --all for every read model', async () => {
    const replay = await portcullis(stack, ['audit', 'replay']);
    expect(replay.stdout).toContain('no differences');
    expect(replay.code).toBe(0);
    const all = await portcullis(stack, ['audit', 'replay', '--all']);
    expect(all.stdout).toMatch(/identity\.org_members: \d+ document\(s\) compared, 0 difference/);
    expect(all.stdout).toMatch(/keys\.api_keys: \d+ document\(s\) compared, 0 difference/);
    expect(all.stdout).toContain('no differences');
    expect(all.code).toBe(0);
    expect(all.stderr).toMatch(/rebuilding audit log: .*positions/);
  }, 120_000);

  it('verify holds; editing one stored record by hand makes verify fail at that record', async () => {
    const ok = await portcullis(stack, ['audit', 'verify']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^ok: \d+ records in \d+ chain\(s\)/);
    const victim = await audit.collection('audit_logs').find({ org_key: stack.orgId }).sort({ seq: 1 }).skip(2).next();
    await audit.collection('audit_logs').updateOne({ _id: victim!._id }, { $set: { client_ip: '10.6.6.6' } });
    try {
      const broken = await portcullis(stack, ['audit', 'verify']);
      expect(broken.code).toBe(1);
      expect(broken.stdout).toContain(`record ${victim!._id} (seq ${victim!.seq})`);
      expect(broken.stdout).toContain('does not match its hash');
      const replay = await portcullis(stack, ['audit', 'replay']);
      expect(replay.code).toBe(1);
      expect(replay.stdout).toContain(`${victim!._id} differs in client_ip`);
    } finally {
      await audit.collection('audit_logs').updateOne({ _id: victim!._id }, { $set: { client_ip: victim!.client_ip } });
    }
    expect((await portcullis(stack, ['audit', 'verify'])).code).toBe(0);
  }, 60_000);

  it('a deleted record is a gap verify finds; replay --swap puts a rebuilt, whole log in place', async () => {
    const victim = await audit.collection('audit_logs').find({ org_key: stack.orgId }).sort({ seq: 1 }).skip(1).next();
    await audit.collection('audit_logs').deleteOne({ _id: victim!._id });
    const gap = await portcullis(stack, ['audit', 'verify']);
    expect(gap.code).toBe(1);
    expect(gap.stdout).toContain(`sequence ${victim!.seq} is missing`);
    const swapped = await portcullis(stack, ['audit', 'replay', '--swap']);
    expect(swapped.stdout).toContain(`${victim!._id} is missing from the live collection`);
    expect(swapped.stdout).toContain('swapped');
    expect((await portcullis(stack, ['audit', 'verify'])).code).toBe(0);
    expect((await portcullis(stack, ['audit', 'replay'])).code).toBe(0);
  }, 120_000);

  it('export streams records as JSONL or CSV, to a file or stdout, without secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
    const jsonl = join(dir, 'audit.jsonl');
    const range = ['--from', '2000-01-01T00:00:00Z', '--to', '2100-01-01T00:00:00Z'];
    expect((await portcullis(stack, ['audit', 'export', ...range, '--format', 'jsonl', '--out', jsonl])).code).toBe(0);
    const lines = readFileSync(jsonl, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const total = await audit.collection('audit_logs').countDocuments();
    expect(lines).toHaveLength(total);
    expect(lines.map((l) => l.action)).toEqual(expect.arrayContaining(['create', 'rotate', 'delete', 'deny', 'accept']));
    const csv = await portcullis(stack, ['audit', 'export', ...range, '--format', 'csv', '--org', stack.orgId]);
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^id,seq,timestamp,method,uri,/);
    expect(rows.length - 1).toBe(await audit.collection('audit_logs').countDocuments({ organisation_id: stack.orgId }));
    for (const secret of secrets) {
      expect(readFileSync(jsonl, 'utf8')).not.toContain(secret);
      expect(csv.stdout).not.toContain(secret);
    }
    expect((await portcullis(stack, ['audit', 'export', ...range, '--format', 'xml'])).code).toBe(1);
  }, 60_000);

  it('state-at shows the workspace as it stood: members and masked keys then, not now', async () => {
    const then = await portcullis(stack, ['state-at', '--time', between, '--workspace', ws.slug]);
    expect(then.code).toBe(0);
    const past = JSON.parse(then.stdout);
    expect(past.workspace).toMatchObject({ id: ws.id, name: 'Tooling' });
    expect(past.members).toEqual([expect.objectContaining({ user_id: memberId, email: 'tooling@example.com', role: 'manager' })]);
    const names = past.api_keys.map((k: { name: string }) => k.name).sort();
    expect(names).toEqual(['Personal key', 'tooling-svc']);
    expect(past.api_keys.every((k: { key: string }) => /^pc_w\w\w_\*{5}[0-9a-f]{4}$/.test(k.key))).toBe(true);
    for (const secret of secrets) expect(then.stdout).not.toContain(secret);
    const now = JSON.parse((await portcullis(stack, ['state-at', '--time', new Date().toISOString(), '--workspace', ws.id])).stdout);
    expect(now.members).toEqual([]);
    expect(now.api_keys).toEqual([]);
    const before = await portcullis(stack, ['state-at', '--time', '2001-01-01T00:00:00Z', '--workspace', ws.id]);
    expect(before.code).toBe(1);
  }, 60_000);

  it('retention: pruned records go to a JSONL archive with a signed checkpoint; verify and replay still hold', async () => {
    const cutoff = between;
    const before = await audit.collection('audit_logs').countDocuments({ timestamp: { $lt: cutoff } });
    expect(before).toBeGreaterThan(0);
    const pruned = await portcullis(stack, ['audit', 'prune', '--before', cutoff]);
    expect(pruned.code).toBe(0);
    expect(pruned.stdout).toContain(`archived and pruned ${before} record(s)`);
    // The archive lines only: a log line the CLI's infrastructure prints under load is not a file.
    const files = pruned.stdout.split('\n').map((f) => f.trim()).filter((f) => f.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !existsSync(f))).toEqual([]);
    const archive = readFileSync(files[0]!, 'utf8').trim().split('\n');
    expect(JSON.parse(archive.at(-1)!).checkpoint).toMatchObject({ signature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await audit.collection('audit_logs').countDocuments({ timestamp: { $lt: cutoff } })).toBe(0);
    expect((await portcullis(stack, ['audit', 'verify'])).code).toBe(0);
    expect((await portcullis(stack, ['audit', 'replay'])).code).toBe(0);
    // New records keep chaining onto the pruned chain.
    await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'After pruning' } });
    await http(stack, 'GET', `/audit-logs?start_time=2000-01-01T00:00:00Z&end_time=2100-01-01T00:00:00Z`, { key: stack.adminKey });
    expect((await portcullis(stack, ['audit', 'verify'])).code).toBe(0);
    // A forged checkpoint does not pass.
    await audit.collection('audit_logs_checkpoints').updateOne({ org_key: stack.orgId }, { $set: { hash: '0'.repeat(64) } });
    const forged = await portcullis(stack, ['audit', 'verify']);
    expect(forged.code).toBe(1);
    expect(forged.stdout).toContain('checkpoint signature');
  }, 120_000);
});
