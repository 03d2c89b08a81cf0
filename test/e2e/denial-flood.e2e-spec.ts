import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '#libs/testing';
import { generateKey } from '../../apps/keys/src/api-keys/domain/key-material.js';
import { http } from '../support/clients.js';
import { storedAppends } from '../support/event-store-head.js';
import { CapturingLogger, startStack, type Stack } from '../support/stack.js';

const ATTACKER = '198.51.100.66';
const window = (stack: Stack) =>
  `start_time=${encodeURIComponent(new Date(stack.config.clock() - 3600_000).toISOString())}&end_time=${encodeURIComponent(new Date(stack.config.clock() + 3600_000).toISOString())}`;

describe('denial floods: per-IP limiter before any store, one audit record per source and window', () => {
  let stack: Stack;
  const logs = new CapturingLogger();
  beforeAll(async () => {
    // No tarpit here: 300 refusals one after another would regain the source tokens (its pacing is unit-tested).
    stack = await startStack({ denialBurst: 5, denialRatePerSec: 1, denialWindowMs: 1_000, denialTarpitMs: 0 }, { logger: logs });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('a flood of bad keys is refused with 429 + retry-after after the burst; good keys, even from the same address, are served', async () => {
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Flooded' } })).body;
    const real = (await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'target', scopes: ['workspaces.read'], workspace_id: ws.id } })).body;
    // The attacker knows a real key id and forges well-formed secrets for it.
    const forged = () => generateKey('workspace-service', real.id);
    // A key the gateway already trusts, used from the attacker's address too.
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: real.key, headers: { 'x-forwarded-for': ATTACKER } })).status).toBe(200);
    const before = await storedAppends(stack);

    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof http>> | undefined;
    for (let i = 0; i < 300; i++) {
      const result = await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: forged(), headers: { 'x-forwarded-for': ATTACKER } });
      statuses.push(result.status);
      if (result.status === 429) limited ??= result;
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(250);
    expect(limited!.body).toMatchObject({ success: false, data: { errorCode: 'AB06' } });
    const retry = await fetch(`${stack.apiUrl}/admin/workspaces/${ws.id}`, { headers: { 'x-portkey-api-key': forged(), 'x-forwarded-for': ATTACKER } });
    expect(retry.status).toBe(429);
    expect(Number(retry.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: real.key, headers: { 'x-forwarded-for': ATTACKER } })).status).toBe(200);
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: stack.adminKey, headers: { 'x-forwarded-for': '203.0.113.1' } })).status).toBe(200);

    // 301 refused requests cost the store a handful of appends, not 301.
    const grown = await eventually(async () => {
      const n = (await storedAppends(stack)) - before;
      const records = (await http(stack, 'GET', `/audit-logs?${window(stack)}&page_size=100&include_denied_reads=true&client_ip=${ATTACKER}`, { key: stack.adminKey })).body.records;
      const counted = records.reduce((sum: number, r: { count?: number }) => sum + (r.count ?? 1), 0);
      return counted === 301 ? { n, records } : false;
    }, { timeoutMs: 20_000, intervalMs: 200 });
    expect(grown.n).toBeLessThanOrEqual(8);
    const aggregated = grown.records.filter((r: { count?: number }) => (r.count ?? 1) > 1);
    expect(aggregated.length).toBeGreaterThanOrEqual(1);
    for (const r of aggregated) {
      expect(r).toMatchObject({ action: 'deny', client_ip: ATTACKER, organisation_id: stack.orgId, resource_type: 'workspaces', method: 'GET' });
      expect(Date.parse(r.first_at)).toBeLessThanOrEqual(Date.parse(r.last_at));
    }
  });

  it('every request leaves one structured log line with its request id and, once known, organisation, workspace and key id; no secret', async () => {
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Logged' } })).body;
    const svc = (await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'logged', scopes: ['workspaces.read'], workspace_id: ws.id } })).body;
    const response = await fetch(`${stack.apiUrl}/admin/workspaces/${ws.id}`, { headers: { 'x-portkey-api-key': svc.key, 'x-request-id': 'log-line-check' } });
    expect(response.status).toBe(200);
    const line = await eventually(() => logs.lines.find((l) => l.includes('"requestId":"log-line-check"')) ?? false);
    expect(JSON.parse(line.slice(line.indexOf('{'), line.lastIndexOf('}') + 1))).toMatchObject({
      msg: 'request',
      route: '/v1/admin/workspaces/:workspaceId',
      status: 200,
      requestId: 'log-line-check',
      orgId: stack.orgId,
      workspaceId: ws.id,
      keyId: svc.id,
    });
    const text = logs.lines.join('\n');
    for (const secret of [stack.adminKey, svc.key]) expect(text).not.toContain(secret);
  });
});
