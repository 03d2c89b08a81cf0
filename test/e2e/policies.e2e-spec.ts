import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEventStore, eventStoreConfig, type EventStore } from '#libs/event-store';
import { LimitsService, type AdmissionRequest } from '#libs/limits';
import { eventually } from '#libs/testing';
import { http } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RFC3339_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const POLICY_SCOPES = ['policies.create', 'policies.read', 'policies.update', 'policies.delete', 'policies.list'];
const window = () => `start_time=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}&end_time=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`;

async function workspace(stack: Stack, name: string): Promise<{ id: string; slug: string }> {
  return (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name } })).body;
}

async function workspaceKey(stack: Stack, workspaceId: string, scopes: string[], extra: Record<string, unknown> = {}): Promise<{ id: string; key: string }> {
  const created = await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'policies', scopes, workspace_id: workspaceId, ...extra } });
  expect(created.status).toBe(200);
  return created.body;
}

/** What Terraform's acceptance test sends. */
const usageBody = (workspaceId: string, extra: Record<string, unknown> = {}) => ({
  name: 'monthly spend', workspace_id: workspaceId,
  conditions: [{ key: 'workspace_id', value: workspaceId }], group_by: [{ key: 'api_key' }],
  type: 'cost', credit_limit: 1000, alert_threshold: 800, periodic_reset: 'monthly', ...extra,
});
const rateBody = (workspaceId: string, extra: Record<string, unknown> = {}) => ({
  name: 'per user', workspace_id: workspaceId,
  conditions: [{ key: 'workspace_id', value: workspaceId }], group_by: [{ key: 'metadata.user' }],
  type: 'requests', unit: 'rpm', value: 3, ...extra,
});

describe('limit policies over HTTP', () => {
  let stack: Stack;
  let wsA: { id: string; slug: string };
  let wsB: { id: string; slug: string };
  beforeAll(async () => {
    stack = await startStack();
    [wsA, wsB] = await Promise.all([workspace(stack, 'Limits A'), workspace(stack, 'Limits B')]);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('usage-limits policy: create → get → list at once; update re-reads; delete archives', async () => {
    const created = await http(stack, 'POST', '/policies/usage-limits', { key: stack.adminKey, body: usageBody(wsA.id) });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ id: expect.stringMatching(UUID), object: 'policy_usage_limits' });
    const id = created.body.id;
    const got = await http(stack, 'GET', `/policies/usage-limits/${id}`, { key: stack.adminKey });
    expect(got.body).toMatchObject({
      object: 'policy_usage_limits', id, name: 'monthly spend', workspace_id: wsA.id, organisation_id: stack.orgId,
      conditions: [{ key: 'workspace_id', value: wsA.id }], group_by: [{ key: 'api_key' }],
      type: 'cost', credit_limit: 1000, alert_threshold: 800, periodic_reset: 'monthly', status: 'active',
    });
    expect(got.body.created_at).toMatch(RFC3339_MS);
    expect(got.body.next_usage_reset_at).toMatch(RFC3339_MS);
    const listed = await http(stack, 'GET', `/policies/usage-limits?workspace_id=${wsA.id}`, { key: stack.adminKey });
    expect(listed.body).toMatchObject({ object: 'list', total: 1, data: [{ id }] });

    const updated = await http(stack, 'PUT', `/policies/usage-limits/${id}`, { key: stack.adminKey, body: { credit_limit: 2000, alert_threshold: 1600, name: 'renamed' } });
    expect(updated).toEqual({ status: 200, body: {} });
    expect((await http(stack, 'GET', `/policies/usage-limits/${id}`, { key: stack.adminKey })).body).toMatchObject({ credit_limit: 2000, alert_threshold: 1600, name: 'renamed' });

    expect((await http(stack, 'DELETE', `/policies/usage-limits/${id}`, { key: stack.adminKey })).status).toBe(200);
    expect((await http(stack, 'GET', `/policies/usage-limits/${id}`, { key: stack.adminKey })).body).toMatchObject({ status: 'archived' });
    expect((await http(stack, 'GET', `/policies/usage-limits?workspace_id=${wsA.id}`, { key: stack.adminKey })).body.total).toBe(0);
    expect((await http(stack, 'GET', `/policies/usage-limits?workspace_id=${wsA.id}&status=archived`, { key: stack.adminKey })).body.total).toBe(1);
    // A rate-limits route does not see a usage-limits policy.
    expect((await http(stack, 'GET', `/policies/rate-limits/${id}`, { key: stack.adminKey })).status).toBe(404);
  });

  it('rate-limits policy: create, get, update unit and value', async () => {
    const created = await http(stack, 'POST', '/policies/rate-limits', { key: stack.adminKey, body: rateBody(wsA.id) });
    expect(created.body).toEqual({ id: expect.stringMatching(UUID), object: 'policy_rate_limits' });
    const id = created.body.id;
    expect((await http(stack, 'GET', `/policies/rate-limits/${id}`, { key: stack.adminKey })).body).toMatchObject({
      object: 'policy_rate_limits', id, type: 'requests', unit: 'rpm', value: 3, status: 'active', workspace_id: wsA.id, group_by: [{ key: 'metadata.user' }],
    });
    await http(stack, 'PUT', `/policies/rate-limits/${id}`, { key: stack.adminKey, body: { unit: 'rph', value: 100 } });
    expect((await http(stack, 'GET', `/policies/rate-limits/${id}`, { key: stack.adminKey })).body).toMatchObject({ unit: 'rph', value: 100 });
    await http(stack, 'DELETE', `/policies/rate-limits/${id}`, { key: stack.adminKey });
  });

  it('validation: missing fields, bad enums, bad keys and a threshold at the limit are 400 AB01', async () => {
    const bad = [
      ['/policies/usage-limits', { ...usageBody(wsA.id), type: 'dollars' }],
      ['/policies/usage-limits', { ...usageBody(wsA.id), credit_limit: undefined }],
      ['/policies/usage-limits', { ...usageBody(wsA.id), alert_threshold: 1000 }],
      ['/policies/usage-limits', { ...usageBody(wsA.id), periodic_reset: 'daily' }],
      ['/policies/usage-limits', { ...usageBody(wsA.id), conditions: [{ key: 'user', value: 'x' }] }],
      ['/policies/usage-limits', { ...usageBody(wsA.id), group_by: [] }],
      ['/policies/rate-limits', { ...rateBody(wsA.id), unit: 'rps' }],
      ['/policies/rate-limits', { ...rateBody(wsA.id), value: 0 }],
      ['/policies/rate-limits', { ...rateBody(wsA.id), type: 'cost' }],
    ] as const;
    for (const [path, body] of bad) {
      const answer = await http(stack, 'POST', path, { key: stack.adminKey, body });
      expect({ path, body, status: answer.status, errorCode: answer.body?.data?.errorCode, success: answer.body?.success }).toEqual({ path, body, status: 400, errorCode: 'AB01', success: false });
    }
  });

  it('lists page with page_size and current_page, filtered by type', async () => {
    const ws = await workspace(stack, 'Paged policies');
    for (const n of [1, 2, 3]) await http(stack, 'POST', '/policies/rate-limits', { key: stack.adminKey, body: rateBody(ws.id, { name: `p${n}`, type: n === 3 ? 'tokens' : 'requests' }) });
    const page = await http(stack, 'GET', `/policies/rate-limits?workspace_id=${ws.id}&page_size=2&current_page=1`, { key: stack.adminKey });
    expect(page.body.total).toBe(3);
    expect(page.body.data.map((p: { name: string }) => p.name)).toEqual(['p3']);
    expect((await http(stack, 'GET', `/policies/rate-limits?workspace_id=${ws.id}&type=tokens`, { key: stack.adminKey })).body.total).toBe(1);
  });

  it("a workspace key sees only its workspace's policies and cannot name another workspace", async () => {
    const a = await workspaceKey(stack, wsA.id, POLICY_SCOPES);
    const b = await workspaceKey(stack, wsB.id, POLICY_SCOPES);
    const mine = await http(stack, 'POST', '/policies/rate-limits', { key: a.key, body: rateBody(wsA.id, { workspace_id: undefined }) });
    expect(mine.status).toBe(200);
    expect((await http(stack, 'GET', `/policies/rate-limits/${mine.body.id}`, { key: a.key })).body.workspace_id).toBe(wsA.id);
    expect((await http(stack, 'GET', `/policies/rate-limits/${mine.body.id}`, { key: b.key })).status).toBe(404);
    expect((await http(stack, 'PUT', `/policies/rate-limits/${mine.body.id}`, { key: b.key, body: { value: 1 } })).status).toBe(404);
    expect((await http(stack, 'DELETE', `/policies/rate-limits/${mine.body.id}`, { key: b.key })).status).toBe(404);
    expect((await http(stack, 'GET', '/policies/rate-limits', { key: b.key })).body.data.map((p: { id: string }) => p.id)).not.toContain(mine.body.id);
    expect((await http(stack, 'POST', '/policies/rate-limits', { key: b.key, body: rateBody(wsA.id) })).status).toBe(403);
    const readOnly = await workspaceKey(stack, wsA.id, ['policies.read', 'policies.list']);
    expect((await http(stack, 'POST', '/policies/rate-limits', { key: readOnly.key, body: rateBody(wsA.id) })).body).toMatchObject({ data: { errorCode: 'AB03' } });
  });

  it('creating, updating and archiving a policy are audited with the policy id', async () => {
    const created = await http(stack, 'POST', '/policies/usage-limits', { key: stack.adminKey, body: usageBody(wsB.id, { name: 'Audited' }) });
    const id = created.body.id;
    await http(stack, 'PUT', `/policies/usage-limits/${id}`, { key: stack.adminKey, body: { name: 'Audited 2' } });
    await http(stack, 'DELETE', `/policies/usage-limits/${id}`, { key: stack.adminKey });
    const records = await eventually(async () => {
      const listed = await http(stack, 'GET', `/audit-logs?${window()}&resource_type=policies&page_size=100`, { key: stack.adminKey });
      const mine = (listed.body.records ?? []).filter((r: { resource_id: string }) => r.resource_id === id).reverse();
      return mine.length === 3 ? mine : false;
    });
    expect(records.map((r: { action: string }) => r.action)).toEqual(['create', 'update', 'delete']);
    expect(JSON.parse(records[0].request_body)).toMatchObject({ name: 'Audited', credit_limit: 1000 });
  });

  describe('what the LimitsPort enforces (two replicas over the stack event store and NATS)', () => {
    const stores: EventStore[] = [];
    const replicas: LimitsService[] = [];
    beforeAll(async () => {
      for (let i = 0; i < 2; i++) {
        const store = await createEventStore(eventStoreConfig(stack.config));
        stores.push(store);
        const limits = new LimitsService({ natsUrl: stack.config.natsUrl }, store);
        await limits.onModuleInit();
        replicas.push(limits);
      }
    });
    afterAll(async () => {
      for (const r of replicas) await r.onApplicationShutdown();
      for (const s of stores) await s.close();
    });
    const call = (over: Partial<AdmissionRequest>): AdmissionRequest => ({ orgId: stack.orgId, workspaceId: wsA.id, apiKeyId: 'none', providerId: null, metadata: {}, now: Date.now(), ...over });

    it("a key's rate_limits of 10 requests/min set over HTTP let exactly 10 of 50 concurrent calls through", async () => {
      // A workspace of its own: wsA carries a 3/min policy from an earlier test (which applies too).
      const ws = await workspace(stack, 'Key limits');
      const k = await workspaceKey(stack, ws.id, ['completions.write'], { rate_limits: [{ type: 'requests', unit: 'rpm', value: 10 }] });
      await eventually(() => replicas.every((r) => r.catalog.keys.has(k.id)));
      const now = Date.UTC(2026, 11, 2, 15, 0, 1);
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => replicas[i % 2].admit(call({ workspaceId: ws.id, apiKeyId: k.id, now }))));
      expect(answers.filter((a) => a.allow)).toHaveLength(10);
      expect(answers.find((a) => !a.allow)).toMatchObject({ status: 429, retryAfterSeconds: 59 });
    });

    it('a rate-limits policy created over HTTP applies per metadata value, and stops applying once archived', async () => {
      const created = await http(stack, 'POST', '/policies/rate-limits', { key: stack.adminKey, body: rateBody(wsB.id, { value: 2 }) });
      const id = created.body.id;
      await eventually(() => replicas.every((r) => r.catalog.policies.has(id)));
      const now = Date.UTC(2026, 11, 2, 15, 5, 0);
      const burst = (user: string) => Promise.all(Array.from({ length: 5 }, (_, i) => replicas[i % 2].admit(call({ workspaceId: wsB.id, metadata: { user }, now }))));
      expect((await burst('ann')).filter((a) => a.allow)).toHaveLength(2);
      expect((await burst('bo')).filter((a) => a.allow)).toHaveLength(2);
      await http(stack, 'DELETE', `/policies/rate-limits/${id}`, { key: stack.adminKey });
      await eventually(() => replicas.every((r) => !r.catalog.policies.has(id)));
      expect((await burst('ann')).every((a) => a.allow)).toBe(true);
    });

    it('a usage-limits policy (tokens) set over HTTP refuses with 412 once exhausted', async () => {
      const ws = await workspace(stack, 'Usage enforced');
      const created = await http(stack, 'POST', '/policies/usage-limits', { key: stack.adminKey, body: usageBody(ws.id, { type: 'tokens', credit_limit: 100, alert_threshold: 50 }) });
      await eventually(() => replicas.every((r) => r.catalog.policies.has(created.body.id)));
      const now = Date.UTC(2026, 11, 2, 15, 10, 0);
      const first = await replicas[0].admit(call({ workspaceId: ws.id, apiKeyId: 'k1', now }));
      if (!first.allow) throw new Error('refused');
      await replicas[0].settle(first.ticket, { totalTokens: 120, costCents: 0 });
      expect(await replicas[1].admit(call({ workspaceId: ws.id, apiKeyId: 'k1', now }))).toMatchObject({ allow: false, status: 412 });
      // Grouped by api_key: another key of the workspace has its own allowance.
      expect((await replicas[1].admit(call({ workspaceId: ws.id, apiKeyId: 'k2', now }))).allow).toBe(true);
    });
  });
});
