import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '#libs/testing';
import { http } from '../support/clients.js';
import { fakeOpenAi, type FakeUpstream } from '../support/fake-upstreams.js';
import { startStack, type Stack } from '../support/stack.js';

/**
 * Limits set over the Admin API, enforced by the gateway's own LimitsModule (JetStream KV
 * counters) on real completions, across two gateway replicas.
 */
describe('limits enforced on completions across two gateway replicas', () => {
  let stack: Stack;
  let upstream: FakeUpstream;
  let replica: { apiUrl: string; close(): Promise<void> };
  let wsId: string;
  let vkSlug: string;

  const key = async (extra: Record<string, unknown>) => {
    const created = await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'limited', scopes: ['completions.write'], workspace_id: wsId, ...extra } });
    expect(created.status).toBe(200);
    return created.body as { id: string; key: string };
  };
  const chat = (apiUrl: string, apiKey: string, metadata?: Record<string, string>) =>
    fetch(`${apiUrl}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-portkey-api-key': apiKey, 'x-portkey-virtual-key': vkSlug, ...(metadata ? { 'x-portkey-metadata': JSON.stringify(metadata) } : {}) },
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
    });
  /** Fixed windows are UTC minutes: keep a burst inside one. */
  const awayFromMinuteEnd = async () => {
    const left = 60_000 - (Date.now() % 60_000);
    if (left < 8_000) await new Promise((resolve) => setTimeout(resolve, left + 100));
  };

  /**
   * Both replicas' catalogs follow the event feed in order: once the replica enforces a key made
   * after everything so far (1 request/min: its second call is refused), it has all of it.
   */
  const replicaCaughtUp = async () => {
    const marker = await key({ rate_limits: [{ type: 'requests', unit: 'rpm', value: 1 }] });
    await eventually(async () => (await chat(replica.apiUrl, marker.key, { user: 'marker' })).status === 429);
    await eventually(async () => (await chat(stack.apiUrl, marker.key, { user: 'marker' })).status === 429);
  };

  beforeAll(async () => {
    stack = await startStack();
    upstream = await fakeOpenAi('u');
    replica = await stack.extraGateway();
    wsId = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Limited' } })).body.id;
    const vk = await http(stack, 'POST', '/virtual-keys', { key: stack.adminKey, body: { name: 'vk-limited', provider: 'openai', key: 'sk-limited-0123456789', workspace_id: wsId, custom_host: `${upstream.url}/v1` } });
    expect(vk.status).toBe(200);
    vkSlug = vk.body.slug;
  }, 90_000);
  afterAll(async () => {
    await replica?.close();
    await stack?.stop();
    await upstream?.close();
  });

  it('a 10 requests/min key lets exactly 10 of 50 concurrent calls through; the rest are 429 with retry-after', async () => {
    const k = await key({ rate_limits: [{ type: 'requests', unit: 'rpm', value: 10 }] });
    await replicaCaughtUp();
    await awayFromMinuteEnd();
    const seen = upstream.seen.length;
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => chat(i % 2 ? replica.apiUrl : stack.apiUrl, k.key)));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(40);
    expect(upstream.seen.length - seen).toBe(10);
    const refused = answers.find((a) => a.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({ success: false, data: { errorCode: 'AB06' } });
  });

  it('a tokens usage limit on a key stops calls with 412 once used up', async () => {
    // The fake upstream answers 30 tokens a call: 50 lets two calls through.
    const k = await key({ usage_limits: { credit_limit: 50, type: 'tokens' } });
    expect((await chat(stack.apiUrl, k.key)).status).toBe(200);
    expect((await chat(replica.apiUrl, k.key)).status).toBe(200);
    // Usage is settled after the answer: the next call sees it shortly after.
    await eventually(async () => (await chat(replica.apiUrl, k.key)).status === 412);
    expect((await chat(stack.apiUrl, k.key)).status).toBe(412);
  });

  it('a monthly usage limit that is used up admits again in the next month (test clock)', async () => {
    const k = await key({ usage_limits: { credit_limit: 50, type: 'tokens', periodic_reset: 'monthly' } });
    expect((await chat(stack.apiUrl, k.key)).status).toBe(200);
    expect((await chat(stack.apiUrl, k.key)).status).toBe(200);
    await eventually(async () => (await chat(stack.apiUrl, k.key)).status === 412);
    // Past the 1st of next month (UTC) on the stack's clock: a new period, a fresh counter.
    const now = new Date();
    stack.advanceClock(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 1) - now.getTime());
    expect((await chat(stack.apiUrl, k.key)).status).toBe(200);
  });

  it('a rate-limits policy grouped by metadata.user applies to each user separately', async () => {
    const policy = await http(stack, 'POST', '/policies/rate-limits', {
      key: stack.adminKey,
      body: { workspace_id: wsId, conditions: [{ key: 'workspace_id', value: wsId }], group_by: [{ key: 'metadata.user' }], type: 'requests', unit: 'rpm', value: 2 },
    });
    expect(policy.status).toBe(200);
    const k = await key({});
    await replicaCaughtUp();
    await awayFromMinuteEnd();
    const burst = (user: string) => Promise.all(Array.from({ length: 6 }, (_, i) => chat(i % 2 ? replica.apiUrl : stack.apiUrl, k.key, { user })));
    expect((await burst('ann')).filter((a) => a.status === 200)).toHaveLength(2);
    expect((await burst('bo')).filter((a) => a.status === 200)).toHaveLength(2);
  });
});
