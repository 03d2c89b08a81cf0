import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { requireEnv } from '#libs/testing';
import { applyLimitEvent, JetStreamLimits, KvCounters, LimitsCatalog, type AdmissionRequest, type UsageAlert } from '../src/index.js';

/** Two "gateway replicas": separate connections, counters and catalogs fed the same events. */
describe('JetStream KV limits shared by two replicas', () => {
  const bucket = `LIMITS_T${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  const connections: NatsConnection[] = [];
  const replicas: Array<{ port: JetStreamLimits; catalog: LimitsCatalog }> = [];
  const alerts: UsageAlert[] = [];
  let position = 0;
  const feed = (type: string, data: Record<string, unknown>) => {
    position++;
    for (const r of replicas) applyLimitEvent(r.catalog, { type, data }, position);
  };
  const call = (over: Partial<AdmissionRequest> & { now: number }): AdmissionRequest => ({
    orgId: 'org_1', workspaceId: 'ws_1', apiKeyId: 'key_1', providerId: null, metadata: {}, ...over,
  });

  beforeAll(async () => {
    for (let i = 0; i < 2; i++) {
      const nc = await connect({ servers: requireEnv('NATS_URL') });
      connections.push(nc);
      const catalog = new LimitsCatalog();
      replicas.push({ catalog, port: new JetStreamLimits(await KvCounters.open(nc, bucket), catalog, await KvCounters.open(nc, `${bucket}_USAGE`, 0), (a) => alerts.push(a)) });
    }
  });
  afterAll(async () => {
    for (const nc of connections) await nc.close();
  });

  it('a 10 requests/min key lets exactly 10 of 50 concurrent calls through across two replicas', async () => {
    const keyId = `key_${randomUUID()}`;
    feed('ApiKeyCreated', { keyId, rateLimits: [{ type: 'requests', unit: 'rpm', value: 10 }], usageLimits: null });
    const now = Date.UTC(2026, 11, 2, 12, 0, 5);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => replicas[i % 2].port.admit(call({ apiKeyId: keyId, now }))));
    expect(answers.filter((a) => a.allow)).toHaveLength(10);
    const refused = answers.filter((a) => !a.allow);
    expect(refused).toHaveLength(40);
    for (const a of refused) if (!a.allow) {
      expect(a.status).toBe(429);
      expect(a.retryAfterSeconds).toBe(55);
    }
    // The next minute admits again.
    const later = await replicas[1].port.admit(call({ apiKeyId: keyId, now: now + 60_000 }));
    expect(later.allow).toBe(true);
  });

  it('a refusal by one limit gives back what the other limits of that call took', async () => {
    const keyId = `key_${randomUUID()}`;
    const workspaceId = `ws_${randomUUID()}`;
    feed('ApiKeyCreated', { keyId, rateLimits: [{ type: 'requests', unit: 'rph', value: 5 }], usageLimits: null });
    feed('WorkspaceCreated', { workspaceId, rateLimits: [{ type: 'requests', unit: 'rpm', value: 2 }], usageLimits: null });
    const now = Date.UTC(2026, 11, 2, 12, 10, 0);
    const first = await Promise.all([0, 1, 2, 3].map((i) => replicas[i % 2].port.admit(call({ apiKeyId: keyId, workspaceId, now }))));
    expect(first.filter((a) => a.allow)).toHaveLength(2);
    // Two refused calls did not use up the key's hourly allowance: three more fit in the next minutes.
    const next = await Promise.all([0, 1, 2, 3].map((i) => replicas[i % 2].port.admit(call({ apiKeyId: keyId, workspaceId, now: now + 60_000 + i }))));
    expect(next.filter((a) => a.allow)).toHaveLength(2);
    const third = await replicas[0].port.admit(call({ apiKeyId: keyId, workspaceId, now: now + 120_000 }));
    expect(third.allow).toBe(true);
    const fourth = await replicas[1].port.admit(call({ apiKeyId: keyId, workspaceId, now: now + 121_000 }));
    expect(fourth).toMatchObject({ allow: false, status: 429 });
  });

  it('a token rate limit counts the tokens settled and refuses once the window holds the limit', async () => {
    const keyId = `key_${randomUUID()}`;
    feed('ApiKeyCreated', { keyId, rateLimits: [{ type: 'tokens', unit: 'rpm', value: 100 }], usageLimits: null });
    const now = Date.UTC(2026, 11, 2, 12, 20, 0);
    const a = await replicas[0].port.admit(call({ apiKeyId: keyId, now }));
    if (!a.allow) throw new Error('refused');
    await replicas[0].port.settle(a.ticket, { totalTokens: 100, costCents: 0 });
    expect(await replicas[1].port.admit(call({ apiKeyId: keyId, now: now + 1000 }))).toMatchObject({ allow: false, status: 429 });
  });

  it('a monthly cost usage limit refuses with 412 once exhausted and admits again after the reset', async () => {
    const keyId = `key_${randomUUID()}`;
    feed('ApiKeyCreated', { keyId, rateLimits: null, usageLimits: { credit_limit: 1, type: 'cost', periodic_reset: 'monthly', alert_threshold: 1 } });
    const now = Date.UTC(2026, 11, 20, 9, 0, 0);
    for (let i = 0; i < 2; i++) {
      const a = await replicas[i].port.admit(call({ apiKeyId: keyId, now }));
      if (!a.allow) throw new Error('refused early');
      await replicas[i].port.settle(a.ticket, { totalTokens: 10, costCents: 50 });
    }
    const exhausted = await replicas[0].port.admit(call({ apiKeyId: keyId, now: now + 1000 }));
    expect(exhausted).toMatchObject({ allow: false, status: 412 });
    if (!exhausted.allow) expect(exhausted.retryAfterSeconds).toBe((Date.UTC(2027, 0, 1) - now - 1000) / 1000);
    // The test clock moves into January: a new period.
    expect((await replicas[1].port.admit(call({ apiKeyId: keyId, now: Date.UTC(2027, 0, 1, 0, 0, 1) }))).allow).toBe(true);
  });

  it('a requested usage reset (ApiKeyUsageReset) starts the counters again on every replica', async () => {
    const keyId = `key_${randomUUID()}`;
    feed('ApiKeyCreated', { keyId, rateLimits: null, usageLimits: { credit_limit: 20, type: 'tokens' } });
    const now = Date.UTC(2026, 11, 2, 13, 0, 0);
    const a = await replicas[0].port.admit(call({ apiKeyId: keyId, now }));
    if (!a.allow) throw new Error('refused');
    await replicas[0].port.settle(a.ticket, { totalTokens: 25, costCents: 0 });
    expect(await replicas[1].port.admit(call({ apiKeyId: keyId, now }))).toMatchObject({ allow: false, status: 412 });
    feed('ApiKeyUsageReset', { keyId, reason: 'requested' });
    expect((await replicas[1].port.admit(call({ apiKeyId: keyId, now }))).allow).toBe(true);
  });

  it('a rate-limit policy grouped by metadata.user counts each user separately, only where its conditions match', async () => {
    const policyId = randomUUID();
    const workspaceId = `ws_${randomUUID()}`;
    feed('LimitPolicyCreated', {
      policyId, kind: 'rate', orgId: 'org_1', workspaceId: null,
      conditions: [{ key: 'workspace_id', value: workspaceId }], groupBy: [{ key: 'metadata.user' }],
      type: 'requests', unit: 'rpm', value: 3,
    });
    const now = Date.UTC(2026, 11, 2, 12, 30, 0);
    const forUser = (user: string) => Promise.all(Array.from({ length: 6 }, (_, i) => replicas[i % 2].port.admit(call({ apiKeyId: `key_${randomUUID()}`, workspaceId, metadata: { user }, now }))));
    expect((await forUser('alice')).filter((a) => a.allow)).toHaveLength(3);
    expect((await forUser('bob')).filter((a) => a.allow)).toHaveLength(3);
    const elsewhere = await Promise.all(Array.from({ length: 6 }, () => replicas[0].port.admit(call({ workspaceId: 'ws_other', metadata: { user: 'alice' }, now }))));
    expect(elsewhere.every((a) => a.allow)).toBe(true);
    feed('LimitPolicyArchived', { policyId });
    expect((await replicas[1].port.admit(call({ workspaceId, metadata: { user: 'alice' }, now }))).allow).toBe(true);
  });

  it('a usage-limits policy on tokens refuses once exhausted', async () => {
    const policyId = randomUUID();
    const keyId = `key_${randomUUID()}`;
    feed('LimitPolicyCreated', { policyId, kind: 'usage', orgId: 'org_1', conditions: [{ key: 'api_key', value: keyId }], groupBy: [{ key: 'api_key' }], type: 'tokens', value: 50, periodicReset: 'weekly' });
    const now = Date.UTC(2026, 11, 2, 12, 0, 0);
    const a = await replicas[0].port.admit(call({ apiKeyId: keyId, now }));
    if (!a.allow) throw new Error('refused');
    await replicas[0].port.settle(a.ticket, { totalTokens: 50, costCents: 1 });
    expect(await replicas[1].port.admit(call({ apiKeyId: keyId, now }))).toMatchObject({ allow: false, status: 412 });
    // reset_usage_for_value of another key leaves this one exhausted; of this key, starts it again.
    feed('LimitPolicyUsageReset', { policyId, valueKey: 'key_someone_else' });
    expect(await replicas[1].port.admit(call({ apiKeyId: keyId, now }))).toMatchObject({ allow: false, status: 412 });
    feed('LimitPolicyUsageReset', { policyId, valueKey: keyId });
    const again = await replicas[1].port.admit(call({ apiKeyId: keyId, now }));
    expect(again.allow).toBe(true);
    if (again.allow) await replicas[1].port.settle(again.ticket, { totalTokens: 50, costCents: 1 });
    expect(await replicas[0].port.admit(call({ apiKeyId: keyId, now }))).toMatchObject({ allow: false, status: 412 });
    // Weeks start on Monday: 2026-12-07.
    expect((await replicas[1].port.admit(call({ apiKeyId: keyId, now: Date.UTC(2026, 11, 7, 0, 0, 1) }))).allow).toBe(true);
  });

  it('concurrent charges on two replicas send the threshold and the exhausted alert exactly once each', async () => {
    const keyId = `key_${randomUUID()}`;
    feed('ApiKeyCreated', { keyId, rateLimits: null, usageLimits: { type: 'tokens', credit_limit: 500, alert_threshold: 200 } });
    const now = Date.UTC(2026, 11, 2, 12, 0, 5);
    const tickets = await Promise.all(Array.from({ length: 30 }, (_, i) => replicas[i % 2].port.admit(call({ apiKeyId: keyId, now }))));
    await Promise.all(tickets.map((t, i) => (t.allow ? replicas[i % 2].port.settle(t.ticket, { totalTokens: 25, costCents: 0 }) : Promise.resolve())));
    const mine = alerts.filter((a) => a.source === `api key ${keyId}`);
    expect(mine.map((a) => a.kind).sort()).toEqual(['exhausted', 'threshold']);
    expect(mine.find((a) => a.kind === 'threshold')!.currentUsage).toBeGreaterThanOrEqual(200);
  });
});
