import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eventually } from '#libs/testing';
import { http, sdk } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

const SCOPES = ['completions.write', 'logs.write', 'logs.view'];

async function workspace(stack: Stack, name: string): Promise<{ id: string; slug: string }> {
  return (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name } })).body;
}

async function key(stack: Stack, scopes: string[], workspaceId: string): Promise<string> {
  const created = await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'feedback', scopes, workspace_id: workspaceId } });
  expect(created.status).toBe(200);
  return created.body.key;
}

const external = (traceId: string) => ({
  request: { url: 'https://api.openai.com/v1/chat/completions', method: 'POST', headers: {}, body: { model: 'gpt-4o' } },
  response: { status: 200, headers: {}, body: {} },
  metadata: { trace_id: traceId },
});

describe('feedback: POST /v1/feedback, PUT /v1/feedback/{id}', () => {
  let stack: Stack;
  let keyA: string;
  let keyB: string;
  beforeAll(async () => {
    stack = await startStack();
    const [wsA, wsB] = await Promise.all([workspace(stack, 'Feedback A'), workspace(stack, 'Feedback B')]);
    [keyA, keyB] = await Promise.all([key(stack, SCOPES, wsA.id), key(stack, SCOPES, wsB.id)]);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('feedback given through the SDK is attached by trace id to the logs of that trace, and an update replaces it', async () => {
    const traceId = randomUUID();
    const logs = await http(stack, 'POST', '/logs', { key: keyA, body: [external(traceId), external(traceId)] });
    expect(logs.status).toBe(200);
    const pk = sdk(stack, keyA);
    const given = (await pk.feedback.create({ traceID: traceId, value: 7, weight: 0.5, metadata: { reviewer: 'alice' } })) as unknown as { status: string; feedback_ids: string[] };
    expect(given).toMatchObject({ status: 'success', feedback_ids: [expect.any(String)] });
    const feedbackId = given.feedback_ids[0]!;
    for (const logId of logs.body.log_ids as string[]) {
      const log = await http(stack, 'GET', `/logs/${logId}`, { key: keyA });
      expect(log.body.feedback).toEqual([expect.objectContaining({ id: feedbackId, trace_id: traceId, value: 7, weight: 0.5, metadata: { reviewer: 'alice' } })]);
    }

    const updated = await http(stack, 'PUT', `/feedback/${feedbackId}`, { key: keyA, body: { value: -3 } });
    expect(updated).toMatchObject({ status: 200, body: { feedback_ids: [feedbackId] } });
    const log = await http(stack, 'GET', `/logs/${logs.body.log_ids[0]}`, { key: keyA });
    expect(log.body.feedback).toEqual([expect.objectContaining({ id: feedbackId, value: -3, weight: 0.5, metadata: { reviewer: 'alice' } })]);

    // The writes are audited like every other write.
    await eventually(async () => {
      const audit = await http(stack, 'GET', `/audit-logs?resource_type=feedback&page_size=100&start_time=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}&end_time=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`, { key: stack.adminKey });
      const actions = (audit.body.records ?? []).map((r: { action: string }) => r.action);
      return actions.includes('create') && actions.includes('update');
    });
  });

  it('value outside −10..10, weight outside 0..1 or no trace_id is a 400 in the Portkey envelope', async () => {
    for (const body of [{ trace_id: 't', value: 11 }, { trace_id: 't', value: -11 }, { trace_id: 't', value: 1, weight: 1.5 }, { value: 1 }, { trace_id: 't', value: 1.5 }, { trace_id: 't', value: 1, metadata: 'x' }]) {
      const refused = await http(stack, 'POST', '/feedback', { key: keyA, body });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ success: false, data: { errorCode: 'AB01' } });
    }
  });

  it("feedback takes workspace keys only, and workspace B cannot change workspace A's feedback", async () => {
    const admin = await http(stack, 'POST', '/feedback', { key: stack.adminKey, body: { trace_id: 't', value: 1 } });
    expect(admin.status).toBe(403);
    const given = await http(stack, 'POST', '/feedback', { key: keyA, body: { trace_id: randomUUID(), value: 1 } });
    const foreign = await http(stack, 'PUT', `/feedback/${given.body.feedback_ids[0]}`, { key: keyB, body: { value: 10 } });
    expect(foreign.status).toBe(404);
    const missing = await http(stack, 'PUT', `/feedback/${randomUUID()}`, { key: keyA, body: { value: 10 } });
    expect(missing.status).toBe(404);
  });
});
