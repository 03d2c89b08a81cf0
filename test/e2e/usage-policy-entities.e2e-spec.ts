import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { USAGE_ALERT_SUBJECT, type UsageAlert } from '#libs/limits';
import { eventually } from '#libs/testing';
import { http } from '../support/clients.js';
import { fakeOpenAi, type FakeUpstream } from '../support/fake-upstreams.js';
import { startStack, type Stack } from '../support/stack.js';

/**
 * A usage-limits policy grouped by api_key, on real completions: its entities (one per key) with
 * their usage and status, the threshold and exhausted alerts sent once each, the usage map on GET,
 * and a reset of one entity that admits that key again while the other stays exhausted.
 */
describe('usage-limits policy entities, alerts and resets', () => {
  let stack: Stack;
  let upstream: FakeUpstream;
  let nc: NatsConnection;
  let wsId: string;
  let vkSlug: string;
  let policyId: string;
  const alerts: Array<UsageAlert & { at: string }> = [];

  const key = async () => {
    const created = await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'metered', scopes: ['completions.write'], workspace_id: wsId } });
    expect(created.status).toBe(200);
    return created.body as { id: string; key: string };
  };
  const chat = (apiKey: string) =>
    fetch(`${stack.apiUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-api-key': apiKey, 'x-portkey-virtual-key': vkSlug },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
  const entities = async (query = '') => (await http(stack, 'GET', `/policies/usage-limits/${policyId}/entities${query}`, { key: stack.adminKey })).body as { total: number; data: Array<{ id: string; value_key: string; current_usage: number; status: string; is_threshold_alerts_sent: boolean; is_exhausted_alerts_sent: boolean }> };

  beforeAll(async () => {
    stack = await startStack();
    upstream = await fakeOpenAi('u');
    nc = await connect({ servers: stack.config.natsUrl });
    const sub = nc.subscribe(USAGE_ALERT_SUBJECT);
    void (async () => {
      for await (const m of sub) alerts.push(m.json());
    })();
    wsId = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Metered' } })).body.id;
    const vk = await http(stack, 'POST', '/virtual-keys', { key: stack.adminKey, body: { name: 'vk-metered', provider: 'openai', key: 'sk-metered-0123456789', workspace_id: wsId, custom_host: `${upstream.url}/v1` } });
    expect(vk.status).toBe(200);
    vkSlug = vk.body.slug;
    // The fake upstream answers 30 tokens a call: key a crosses the threshold (45) on its 2nd call and the limit (90) on its 3rd.
    const policy = await http(stack, 'POST', '/policies/usage-limits', {
      key: stack.adminKey,
      body: { workspace_id: wsId, name: 'per key', conditions: [{ key: 'workspace_id', value: wsId }], group_by: [{ key: 'api_key' }], type: 'tokens', credit_limit: 90, alert_threshold: 45 },
    });
    expect(policy.status).toBe(200);
    policyId = policy.body.id;
  }, 90_000);
  afterAll(async () => {
    await nc?.drain();
    await stack?.stop();
    await upstream?.close();
  });

  it('lists one entity per key with its usage; exhausted once used up; alerts sent once each', async () => {
    const a = await key();
    const b = await key();
    // The policy reaches the gateway's catalog through the feed: wait until a call is charged to it.
    await eventually(async () => (await chat(a.key)).status === 200 && (await entities()).total === 1);
    await eventually(async () => (await chat(a.key)).status === 412, { timeoutMs: 20_000 });
    expect((await chat(b.key)).status).toBe(200);
    await eventually(async () => (await entities()).total === 2 && (await entities('?status=exhausted')).total === 1);
    const all = await entities();
    const ea = all.data.find((e) => e.value_key === a.id)!;
    const eb = all.data.find((e) => e.value_key === b.id)!;
    expect(ea).toMatchObject({ status: 'exhausted', is_threshold_alerts_sent: true, is_exhausted_alerts_sent: true });
    expect(ea.current_usage).toBeGreaterThanOrEqual(90);
    expect(eb).toMatchObject({ status: 'active', current_usage: 30, is_threshold_alerts_sent: false, is_exhausted_alerts_sent: false });
    expect((await entities(`?search=${b.id.slice(0, 12)}`)).data.map((e) => e.value_key)).toEqual([b.id]);
    expect((await entities('?page_size=1&current_page=1')).data).toHaveLength(1);
    await eventually(async () => alerts.filter((x) => x.policyId === policyId).length === 2);
    const mine = alerts.filter((x) => x.policyId === policyId);
    expect(mine.map((x) => x.kind).sort()).toEqual(['exhausted', 'threshold']);
    expect(mine.every((x) => x.valueKey === a.id && x.type === 'tokens' && x.creditLimit === 90)).toBe(true);

    const got = await http(stack, 'GET', `/policies/usage-limits/${policyId}?include_usage=true`, { key: stack.adminKey });
    expect(got.body.value_key_usage_map[a.id]).toMatchObject({ status: 'exhausted', is_exhausted_alerts_sent: true });
    expect(got.body.value_key_usage_map[b.id]).toMatchObject({ status: 'active', current_usage: 30 });
    const without = await http(stack, 'GET', `/policies/usage-limits/${policyId}?include_usage=false`, { key: stack.adminKey });
    expect(without.body.value_key_usage_map).toBeUndefined();

    // Resetting a's entity admits a again; b is untouched.
    expect((await http(stack, 'PUT', `/policies/usage-limits/${policyId}/entities/${ea.id}/reset`, { key: stack.adminKey })).status).toBe(200);
    await eventually(async () => (await chat(a.key)).status === 200);
    await eventually(async () => (await entities()).data.find((e) => e.value_key === a.id)!.status === 'active');
    expect((await entities()).data.find((e) => e.value_key === b.id)!.current_usage).toBe(30);
  });

  it('an unknown entity or policy is 404; a workspace key of another workspace cannot see the entities', async () => {
    expect((await http(stack, 'PUT', `/policies/usage-limits/${policyId}/entities/nope/reset`, { key: stack.adminKey })).status).toBe(404);
    expect((await http(stack, 'GET', `/policies/usage-limits/00000000-0000-4000-8000-000000000000/entities`, { key: stack.adminKey })).status).toBe(404);
    expect((await http(stack, 'GET', `/policies/usage-limits/${policyId}/entities?status=gone`, { key: stack.adminKey })).status).toBe(400);
    const other = await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'other', scopes: ['policies.read', 'policies.list'], workspace_id: stack.defaultWorkspaceId } });
    const res = await http(stack, 'GET', `/policies/usage-limits/${policyId}/entities`, { key: other.body.key });
    expect([403, 404]).toContain(res.status);
  });
});
