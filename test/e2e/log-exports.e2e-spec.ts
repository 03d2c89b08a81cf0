import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eventually } from '#libs/testing';
import { http, sdk } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

const SCOPES = ['completions.write', 'logs.write', 'logs.view', 'logs.export'];

async function workspace(stack: Stack, name: string): Promise<{ id: string; slug: string }> {
  return (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name } })).body;
}

async function key(stack: Stack, scopes: string[], workspaceId: string): Promise<string> {
  const created = await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'exports', scopes, workspace_id: workspaceId } });
  expect(created.status).toBe(200);
  return created.body.key;
}

const external = (model: string, i: number) => ({
  request: { url: 'https://api.openai.com/v1/chat/completions', method: 'POST', headers: {}, body: { model, n: i } },
  response: { status: 200, headers: {}, body: { usage: { prompt_tokens: i, completion_tokens: 1, total_tokens: i + 1 } } },
  metadata: { trace_id: randomUUID(), team: 'red' },
});

async function fetchText(url: string, apiKey?: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { headers: apiKey ? { 'x-portkey-api-key': apiKey } : {} });
  return { status: response.status, text: await response.text() };
}

describe('log exports (/v1/logs/exports)', () => {
  let stack: Stack;
  let keyA: string;
  let keyA2: string;
  let keyB: string;
  beforeAll(async () => {
    stack = await startStack();
    const [wsA, wsB] = await Promise.all([workspace(stack, 'Export A'), workspace(stack, 'Export B')]);
    [keyA, keyA2, keyB] = await Promise.all([key(stack, SCOPES, wsA.id), key(stack, SCOPES, wsA.id), key(stack, SCOPES, wsB.id)]);
    const logs = [...Array.from({ length: 30 }, (_, i) => external('gpt-4o', i)), ...Array.from({ length: 10 }, (_, i) => external('gpt-4o-mini', i))];
    expect((await http(stack, 'POST', '/logs', { key: keyA, body: logs })).status).toBe(200);
    expect((await http(stack, 'POST', '/logs', { key: keyB, body: [external('gpt-4o', 99)] })).status).toBe(200);
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('create → start → success with progress; the signed URL streams exactly the matching records, with the requested fields', async () => {
    const pk = sdk(stack, keyA);
    const created = (await pk.logs.exports.create({ filters: { ai_model: 'gpt-4o' }, requestedData: ['id', 'ai_model', 'total_units', 'metadata'], description: 'four-o' } as never)) as unknown as { id: string; object: string };
    expect(created).toMatchObject({ id: expect.any(String), object: 'export' });
    const draft = await http(stack, 'GET', `/logs/exports/${created.id}`, { key: keyA });
    expect(draft.body).toMatchObject({ id: created.id, status: 'draft', description: 'four-o', filters: { ai_model: 'gpt-4o' }, requested_data: ['id', 'ai_model', 'total_units', 'metadata'] });

    const updated = await http(stack, 'PUT', `/logs/exports/${created.id}`, { key: keyA, body: { filters: { ai_model: 'gpt-4o', total_units_min: 11 } } });
    expect(updated.status).toBe(200);
    const started = await http(stack, 'POST', `/logs/exports/${created.id}/start`, { key: keyA });
    expect(started.body).toMatchObject({ object: 'export' });
    const done = await eventually(async () => {
      const got = await http(stack, 'GET', `/logs/exports/${created.id}`, { key: keyA });
      return got.body.status === 'success' ? got.body : false;
    });
    // total_units = i + 1 ≥ 11 for i in 10..29: 20 records.
    expect(done).toMatchObject({ total: 20, total_records: 20, records_done: 20 });

    const listed = await http(stack, 'GET', '/logs/exports', { key: keyA });
    expect(listed.body).toMatchObject({ object: 'list', total: 1 });
    expect((await http(stack, 'GET', '/logs/exports', { key: keyB })).body.total).toBe(0);

    const { signed_url } = (await http(stack, 'GET', `/logs/exports/${created.id}/download`, { key: keyA })).body;
    expect(signed_url).toContain(`${stack.baseUrl}/v1/logs/exports/${created.id}/file?`);
    const file = await fetchText(signed_url, keyA);
    expect(file.status).toBe(200);
    const rows = file.text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows).toHaveLength(20);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['ai_model', 'id', 'metadata', 'total_units']);
      expect(row.ai_model).toBe('gpt-4o');
      expect(row.total_units as number).toBeGreaterThanOrEqual(11);
    }

    // Owner only, signature checked, expiry enforced.
    expect((await fetchText(signed_url, keyA2)).status).toBe(403);
    expect((await fetchText(signed_url, keyB)).status).toBe(403);
    expect((await fetchText(signed_url)).status).toBe(401);
    expect((await fetchText(signed_url.replace(/signature=[^&]+/, 'signature=AAAA'), keyA)).status).toBe(403);
    const expires = Number(new URL(signed_url).searchParams.get('expires'));
    expect((await fetchText(signed_url.replace(/expires=\d+/, `expires=${expires + 1}`), keyA)).status).toBe(403);
    stack.advanceClock(16 * 60_000);
    expect((await fetchText(signed_url, keyA)).status).toBe(410);
  });

  it('workspace B cannot see, start or download workspace A’s export; bad input is a 400', async () => {
    const created = await http(stack, 'POST', '/logs/exports', { key: keyA, body: { filters: {}, requested_data: ['id'] } });
    expect(created.status).toBe(200);
    expect((await http(stack, 'GET', `/logs/exports/${created.body.id}`, { key: keyB })).status).toBe(404);
    expect((await http(stack, 'POST', `/logs/exports/${created.body.id}/start`, { key: keyB })).status).toBe(404);
    expect((await http(stack, 'GET', `/logs/exports/${created.body.id}/download`, { key: keyB })).status).toBe(404);
    const bad = await http(stack, 'POST', '/logs/exports', { key: keyA, body: { filters: {}, requested_data: ['password'] } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ success: false, data: { errorCode: 'AB01' } });
    expect((await http(stack, 'POST', '/logs/exports', { key: keyA, body: { requested_data: ['id'] } })).status).toBe(400);
  });

  it('a running export can be cancelled; a draft cannot', async () => {
    const created = await http(stack, 'POST', '/logs/exports', { key: keyA, body: { filters: {}, requested_data: ['id'] } });
    expect((await http(stack, 'POST', `/logs/exports/${created.body.id}/cancel`, { key: keyA })).status).toBe(409);
    await http(stack, 'POST', `/logs/exports/${created.body.id}/start`, { key: keyA });
    const cancel = await http(stack, 'POST', `/logs/exports/${created.body.id}/cancel`, { key: keyA });
    // A small export may finish before the cancel arrives: then it is a success, never anything else.
    const status = await eventually(async () => {
      const got = await http(stack, 'GET', `/logs/exports/${created.body.id}`, { key: keyA });
      return got.body.status === 'in_progress' ? false : got.body.status;
    });
    expect(cancel.status === 200 ? 'stopped' : 'success').toBe(status);
  });
});
