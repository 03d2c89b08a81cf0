import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
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

describe(`analytics store ingest (${process.env.PORTCULLIS_ANALYTICS_ENGINE ?? 'auto'} engine)`, () => {
  let stack: Stack;
  let nc: NatsConnection;
  let js: JetStreamClient;
  let workspaceKey: string;
  const workspaceId = `ws_${randomUUID().slice(0, 8)}`;
  const ids = Array.from({ length: N }, () => randomUUID());
  let feedbackFrom = 0;

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
    stack = await startStack();
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
    const given: string[] = [];
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

  it('a bad option is refused with a non-zero exit', async () => {
    expect((await portcullis(stack, ['analytics', 'rebuild', '--bogus'])).code).not.toBe(0);
  });
});
