import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { logSubject, type RequestLog } from '#libs/request-logs';
import { eventually } from '#libs/testing';
import { http, sdk } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

const LOG_SCOPES = ['completions.write', 'logs.write', 'logs.view'];

async function workspace(stack: Stack, name: string): Promise<{ id: string; slug: string }> {
  return (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name } })).body;
}

async function key(stack: Stack, scopes: string[], workspaceId: string): Promise<string> {
  const created = await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'logs', scopes, workspace_id: workspaceId } });
  expect(created.status).toBe(200);
  return created.body.key;
}

const external = (traceId: string, extra: Record<string, unknown> = {}) => ({
  request: { url: 'https://api.openai.com/v1/chat/completions', method: 'POST', headers: { 'content-type': 'application/json' }, body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] } },
  response: { status: 200, headers: {}, body: { model: 'gpt-4o', usage: { prompt_tokens: 7, completion_tokens: 3, total_tokens: 10 } }, response_time: 120 },
  metadata: { trace_id: traceId, span_id: 's1', user: 'alice' },
  ...extra,
});

describe('request logs: GET /v1/logs/{id} and POST /v1/logs', () => {
  let stack: Stack;
  let nc: NatsConnection;
  let wsA: { id: string; slug: string };
  let wsB: { id: string; slug: string };
  let keyA: string;
  let keyB: string;
  beforeAll(async () => {
    stack = await startStack();
    nc = await connect({ servers: stack.config.natsUrl });
    [wsA, wsB] = await Promise.all([workspace(stack, 'Logs A'), workspace(stack, 'Logs B')]);
    [keyA, keyB] = await Promise.all([key(stack, LOG_SCOPES, wsA.id), key(stack, LOG_SCOPES, wsB.id)]);
  }, 60_000);
  afterAll(async () => {
    await nc?.close();
    await stack?.stop();
  });

  it('an external log is stored and read back at once by its workspace, with its tokens and trace', async () => {
    const traceId = randomUUID();
    const posted = await http(stack, 'POST', '/logs', { key: keyA, body: external(traceId) });
    expect(posted.status).toBe(200);
    expect(posted.body.log_ids).toHaveLength(1);
    const got = await http(stack, 'GET', `/logs/${posted.body.log_ids[0]}`, { key: keyA });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      _id: posted.body.log_ids[0],
      organisation_id: stack.orgId,
      workspace_id: wsA.id,
      request: { url: 'https://api.openai.com/v1/chat/completions', method: 'POST' },
      response: { status: 200, responseTime: 120 },
      metrics: { ai_model: 'gpt-4o', total_units: 10, req_units: 7, res_units: 3, trace_id: traceId, span_id: 's1', metadata: { user: 'alice' } },
    });
    expect(got.body.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });

  it("a key of workspace B never reads workspace A's logs", async () => {
    const posted = await http(stack, 'POST', '/logs', { key: keyA, body: external(randomUUID()) });
    const foreign = await http(stack, 'GET', `/logs/${posted.body.log_ids[0]}`, { key: keyB });
    expect(foreign.status).toBe(404);
    expect(foreign.body).toMatchObject({ success: false, data: { errorCode: 'AB08' } });
    const missing = await http(stack, 'GET', `/logs/${randomUUID()}`, { key: keyA });
    expect(missing.status).toBe(404);
  });

  it('POST /v1/logs needs both completions.write and logs.write, and a workspace key', async () => {
    const onlyLogs = await key(stack, ['logs.write'], wsA.id);
    expect((await http(stack, 'POST', '/logs', { key: onlyLogs, body: external(randomUUID()) })).status).toBe(403);
    const onlyCompletions = await key(stack, ['completions.write'], wsA.id);
    expect((await http(stack, 'POST', '/logs', { key: onlyCompletions, body: external(randomUUID()) })).status).toBe(403);
    expect((await http(stack, 'POST', '/logs', { key: stack.adminKey, body: external(randomUUID()) })).status).toBe(403);
    const noViewKey = await key(stack, ['analytics.view'], wsA.id);
    const posted = await http(stack, 'POST', '/logs', { key: keyA, body: external(randomUUID()) });
    expect((await http(stack, 'GET', `/logs/${posted.body.log_ids[0]}`, { key: noViewKey })).status).toBe(403);
  });

  it('an external log without request.url is a 400 in the Portkey envelope', async () => {
    const bad = await http(stack, 'POST', '/logs', { key: keyA, body: { request: { method: 'POST' } } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ success: false, data: { errorCode: 'AB01' } });
  });

  it('the SDK posts an array of logs (sent as {"0":…,"1":…}) and each is stored', async () => {
    const pk = sdk(stack, keyA);
    const result = (await pk.logs.create([external(randomUUID()), external(randomUUID())] as never)) as unknown as { log_ids: string[] };
    expect(result.log_ids).toHaveLength(2);
    for (const id of result.log_ids) expect((await http(stack, 'GET', `/logs/${id}`, { key: keyA })).status).toBe(200);
  });

  it('Authorization and api-key headers of an external log are not stored', async () => {
    const secret = `sk-test-${randomUUID()}`;
    const posted = await http(stack, 'POST', '/logs', {
      key: keyA,
      body: external(randomUUID(), {
        request: { url: 'https://x.openai.azure.com/openai/deployments/d/chat/completions', method: 'POST', headers: { authorization: `Bearer ${secret}`, 'api-key': secret, 'x-portkey-api-key': keyA }, body: { api_key: secret } },
      }),
    });
    const got = await http(stack, 'GET', `/logs/${posted.body.log_ids[0]}`, { key: keyA });
    expect(got.status).toBe(200);
    expect(JSON.stringify(got.body)).not.toContain(secret);
    expect(JSON.stringify(got.body)).not.toContain(keyA);
  });

  it('a record the gateway publishes to LOGS is served by id once the analytics store has it', async () => {
    const js = jetstream(nc);
    const id = randomUUID();
    const record: Partial<RequestLog> = {
      id, createdAt: new Date().toISOString(), orgId: stack.orgId, workspaceId: wsA.id, workspaceSlug: wsA.slug, apiKeyId: 'k', userId: null, route: 'chat.completions',
      model: 'gpt-4o-mini', promptTokens: 1, completionTokens: 2, totalTokens: 3, costCents: 0.01, latencyMs: 5, status: 200, upstreamStatus: 200, retries: 0, fallbackIndex: 0,
      cacheStatus: 'MISS', stream: false, traceId: randomUUID(), spanId: null, spanName: null, metadata: {},
      request: { url: '/v1/chat/completions', method: 'POST', headers: {}, body: {} }, response: { status: 200, headers: {}, body: {}, responseTimeMs: 5 },
    };
    await js.publish(logSubject(stack.config.logsSubjectPrefix, wsA.id), JSON.stringify(record), { msgID: id });
    const got = await eventually(async () => {
      const r = await http(stack, 'GET', `/logs/${id}`, { key: keyA });
      return r.status === 200 ? r : false;
    });
    expect(got.body.metrics).toMatchObject({ ai_model: 'gpt-4o-mini', total_units: 3, cache_status: 'MISS' });
  });
});
