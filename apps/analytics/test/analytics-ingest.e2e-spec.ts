import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { AnalyticsStoreSubjects, type AnalyticsStoreStatus } from '#libs/contracts';
import { logSubject } from '#libs/request-logs';
import { eventually } from '#libs/testing';
import { portcullis } from '../../../test/support/cli.js';
import { http } from '../../../test/support/clients.js';
import { startStack, type Stack } from '../../../test/support/stack.js';
import type { AggregateQuery, AnalyticsStore } from '../src/analytics-store/analytics-store.port.js';
import { ANALYTICS_FRESHNESS, ANALYTICS_STORE, type AnalyticsFreshness } from '../src/analytics-store/analytics-store.tokens.js';
import { AnalyticsIngest } from '../src/analytics-store/analytics-ingest.js';
import { costOf, requestLogRecord } from './request-log-record.js';

const N = 2_500;
const AT = Date.parse('2026-01-01T00:00:00.000Z');
const HOUR = 3_600_000;
const system = { requestId: 'test', correlationId: 'test', principal: { kind: 'system' as const } };

// The default engine (auto = DuckDB) and MongoDB: the ingest and the rebuild are the same over both.
describe.each(['auto', 'mongo'] as const)('analytics store ingest (%s engine)', (engine) => {
  let stack: Stack;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let workspaceKey: string;
  const workspaceId = `ws_${randomUUID().slice(0, 8)}`;
  const ids = Array.from({ length: N }, () => randomUUID());
  let feedbackFrom = 0;
  const given: string[] = [];

  const store = () => stack.service('analytics').get<AnalyticsStore>(ANALYTICS_STORE);
  const freshness = () => stack.service('analytics').get<AnalyticsFreshness>(ANALYTICS_FRESHNESS);
  const logTotals = async () => {
    const query: AggregateQuery = { source: 'logs', filter: { orgId: stack.orgId, workspaceIds: [workspaceId], from: AT, to: AT + HOUR }, measures: ['requests', 'cost', 'errors'] };
    return (await store().aggregate(query)).rows[0]?.values ?? { requests: 0 };
  };
  const feedbackTotals = async () => {
    const query: AggregateQuery = { source: 'feedback', filter: { orgId: stack.orgId, workspaceIds: [stack.defaultWorkspaceId], from: feedbackFrom, to: Date.now() + HOUR }, measures: ['feedbacks', 'feedbackValueAvg'] };
    return (await store().aggregate(query)).rows[0]?.values ?? { feedbacks: 0 };
  };

  beforeAll(async () => {
    stack = await startStack({ analyticsEngine: engine });
    nc = await connect({ servers: stack.config.natsUrl });
    js = jetstream(nc);
    const created = await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'feedback', scopes: ['completions.write', 'logs.write', 'logs.view'], workspace_id: stack.defaultWorkspaceId } });
    expect(created.status).toBe(200);
    workspaceKey = created.body.key;
  }, 90_000);

  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  it('every log published to LOGS is counted once, re-published copies included, and its measures summed', async () => {
    for (let i = 0; i < N; i++) await js.publish(logSubject(stack.config.logsSubjectPrefix, workspaceId), JSON.stringify(requestLogRecord(ids[i]!, i, { orgId: stack.orgId, workspaceId, at: AT })), { msgID: ids[i] });
    // A client retrying (another message id, the same log id) must not count twice.
    for (let i = 0; i < 100; i++) await js.publish(logSubject(stack.config.logsSubjectPrefix, workspaceId), JSON.stringify(requestLogRecord(ids[i]!, i, { orgId: stack.orgId, workspaceId, at: AT })), { msgID: `retry-${ids[i]}` });
    // And a message that is no log at all is skipped, not fatal.
    await js.publish(logSubject(stack.config.logsSubjectPrefix, workspaceId), 'not json', { msgID: randomUUID() });

    await freshness().catchUp(60_000);
    expect(await logTotals()).toEqual({ requests: N, cost: costOf(N), errors: N / 10 });
    expect(await freshness().lagMs()).toBe(0);
  });

  it('feedback given and updated through the API is in the store, updates replacing values', async () => {
    feedbackFrom = Date.now() - 1_000;
    for (const value of [4, 6, -2]) {
      const r = await http(stack, 'POST', '/feedback', { key: workspaceKey, body: { trace_id: `trace-${value}`, value } });
      expect(r.status).toBe(200);
      given.push(r.body.feedback_ids[0]);
    }
    expect((await http(stack, 'PUT', `/feedback/${given[2]}`, { key: workspaceKey, body: { value: 8 } })).status).toBe(200);
    await freshness().catchUp(60_000);
    expect(await feedbackTotals()).toEqual({ feedbacks: 3, feedbackValueAvg: 6 });
  });

  it('while a rebuild runs, freshness refuses with 503 rather than let half-built answers out', async () => {
    const ingest = stack.service('analytics').get(AnalyticsIngest);
    const status = ingest.rebuild();
    expect(status.state).toBe('rebuilding');
    await expect(freshness().catchUp()).rejects.toMatchObject({ status: 503, code: 'ANALYTICS.STORE_REBUILDING' });
    await eventually(() => ingest.status().state === 'ready', { timeoutMs: 120_000, intervalMs: 100 });
    await freshness().catchUp(60_000);
    expect(await logTotals()).toEqual({ requests: N, cost: costOf(N), errors: N / 10 });
  }, 180_000);

  it('`portcullis analytics rebuild` rebuilds from LOGS and the feedback events, with progress, to the same counts', async () => {
    const before = { logs: await logTotals(), feedback: await feedbackTotals() };
    const result = await portcullis(stack, ['analytics', 'rebuild']);
    expect(result).toMatchObject({ code: 0, stdout: expect.stringContaining('analytics store rebuilt') });
    expect(result.stderr).toMatch(/rebuilding analytics: 100% /);
    await freshness().catchUp(60_000);
    expect({ logs: await logTotals(), feedback: await feedbackTotals() }).toEqual(before);
    expect(before.logs.requests).toBe(N);
    const status = await stack.rpc().call<AnalyticsStoreStatus>(AnalyticsStoreSubjects.status, {}, system);
    expect(status).toMatchObject({ state: 'ready', error: null, logs: { applied: status.logs.target } });
  }, 180_000);

  it('`portcullis analytics rebuild` exits non-zero when no analytics service answers', async () => {
    await stack.stopService('analytics');
    try {
      const result = await portcullis(stack, ['analytics', 'rebuild']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('the analytics service did not answer');
    } finally {
      await stack.startService('analytics');
    }
    await freshness().catchUp(60_000);
    expect((await logTotals()).requests).toBe(N);
  }, 120_000);

  it('after a restart, an update of feedback created before it keeps its creation time', async () => {
    const createdBy = Date.now();
    await stack.stopService('analytics');
    await stack.startService('analytics');
    // Right after a start the feedback read model may still be catching up (503): the client retries.
    await eventually(async () => (await http(stack, 'PUT', `/feedback/${given[0]}`, { key: workspaceKey, body: { value: 10 } })).status === 200, { timeoutMs: 30_000, intervalMs: 100 });
    await freshness().catchUp(60_000);
    // 10, 6, 8: the average moved, and all three still fall before the restart (creation times kept).
    const query: AggregateQuery = { source: 'feedback', filter: { orgId: stack.orgId, workspaceIds: [stack.defaultWorkspaceId], from: feedbackFrom, to: createdBy }, measures: ['feedbacks', 'feedbackValueAvg'] };
    expect((await store().aggregate(query)).rows[0]?.values).toEqual({ feedbacks: 3, feedbackValueAvg: 8 });
  }, 120_000);

  it('a rebuild begun while a burst is still being ingested ends with every log of it counted once', async () => {
    const burstWorkspace = `ws_${randomUUID().slice(0, 8)}`;
    const burst = Array.from({ length: 2_000 }, () => randomUUID());
    await Promise.all(burst.map((id, i) => js.publish(logSubject(stack.config.logsSubjectPrefix, burstWorkspace), JSON.stringify(requestLogRecord(id, i, { orgId: stack.orgId, workspaceId: burstWorkspace, at: AT })), { msgID: id })));
    const ingest = stack.service('analytics').get(AnalyticsIngest);
    ingest.rebuild();
    await eventually(() => ingest.status().state === 'ready', { timeoutMs: 120_000, intervalMs: 100 });
    await freshness().catchUp(60_000);
    const count = async (workspaceIds: string[]) => (await store().aggregate({ source: 'logs', filter: { orgId: stack.orgId, workspaceIds, from: AT, to: AT + HOUR }, measures: ['requests'] })).rows[0]?.values.requests;
    expect(await count([burstWorkspace])).toBe(burst.length);
    expect(await count([workspaceId])).toBe(N);
  }, 180_000);

  it('`--replica` rebuilds that replica, and an unknown replica is a non-zero exit', async () => {
    expect(await portcullis(stack, ['analytics', 'rebuild', '--replica', 'r0'])).toMatchObject({ code: 0, stdout: expect.stringContaining('analytics store rebuilt') });
    const unknown = await portcullis(stack, ['analytics', 'rebuild', '--replica', 'nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('the analytics service did not answer');
  }, 120_000);

  it('a rebuild keeps the records LOGS no longer holds (past its retention): they come from the replica\'s log file', async () => {
    const before = { logs: await logTotals(), feedback: await feedbackTotals() };
    const jsm = await jetstreamManager(nc);
    await jsm.streams.purge(stack.config.logsStream, { keep: 500 });
    expect((await jsm.streams.info(stack.config.logsStream)).state.first_seq).toBeGreaterThan(N);
    expect(await portcullis(stack, ['analytics', 'rebuild'])).toMatchObject({ code: 0 });
    await freshness().catchUp(60_000);
    expect({ logs: await logTotals(), feedback: await feedbackTotals() }).toEqual(before);
    expect(before.logs.requests).toBe(N);
  }, 180_000);

  it('a bad option is refused with a non-zero exit', async () => {
    expect((await portcullis(stack, ['analytics', 'rebuild', '--bogus'])).code).not.toBe(0);
  });
});
