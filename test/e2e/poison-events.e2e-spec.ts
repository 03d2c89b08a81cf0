import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createEventStore, eventStoreConfig, type EventStore } from '#libs/event-store';
import { eventually } from '#libs/testing';
import { portcullis } from '../support/cli.js';
import { http } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

let nested: unknown = 'bottom';
for (let i = 0; i < 1_000; i++) nested = { n: nested };

/** The payloads that once stalled projections for good, as workspace and key metadata. */
const POISON: Array<[label: string, metadata: unknown]> = [
  ['a dotted key', { 'a.b': 'x' }],
  ['a key starting with $', { $x: 'y' }],
  ['a key containing NUL', { 'k\u0000': 'z' }],
  ['a value nested 1,000 levels deep', { deep: nested }],
  ['a 1 MB string', { big: 'y'.repeat(1_000_000) }],
];

describe.each(['memory', 'mongo'] as const)('poison events cannot stall the control plane (%s engine)', (engine) => {
  let stack: Stack;
  let store: EventStore;
  let ws: { id: string; slug: string };
  let keyId: string;
  const positions: number[] = [];

  beforeAll(async () => {
    stack = await startStack({ queryEngine: engine });
    store = await createEventStore(eventStoreConfig(stack.config));
    ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Target' } })).body;
    keyId = (await http(stack, 'POST', '/api-keys/organisation/service', { key: stack.adminKey, body: { name: 'target key', scopes: ['workspaces.list'] } })).body.id;
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await stack?.stop();
  });

  it('events appended straight to the store, bypassing validation, are parked while later events apply', async () => {
    const at = new Date().toISOString();
    for (const [, metadata] of POISON) {
      const wsEvent = { workspaceId: ws.id, orgId: stack.orgId, changes: { defaults: { metadata } }, at };
      positions.push((await store.append(`workspace-${ws.id}`, [{ id: randomUUID(), type: 'WorkspaceUpdated', data: wsEvent }])).position);
      const keyEvent = { keyId, orgId: stack.orgId, workspaceId: null, changes: { defaults: { metadata } }, at };
      positions.push((await store.append(`apiKey-${keyId}`, [{ id: randomUUID(), type: 'ApiKeyUpdated', data: keyEvent }])).position);
    }
    // Plain writes afterwards land, and read-your-writes holds on the same documents.
    const renamed = await http(stack, 'PUT', `/admin/workspaces/${ws.id}`, { key: stack.adminKey, body: { name: 'Target renamed' } });
    expect(renamed.status).toBe(200);
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: stack.adminKey })).body).toMatchObject({ name: 'Target renamed', defaults: null });
    expect((await http(stack, 'PUT', `/api-keys/${keyId}`, { key: stack.adminKey, body: { name: 'still editable' } })).status).toBe(200);
    expect((await http(stack, 'GET', `/api-keys/${keyId}`, { key: stack.adminKey })).body).toMatchObject({ name: 'still editable', defaults: { metadata: null } });
    const created = await http(stack, 'POST', '/api-keys/organisation/service', { key: stack.adminKey, body: { name: 'plain', scopes: ['workspaces.list'] } });
    expect(created.status).toBe(200);
    const list = await http(stack, 'GET', '/admin/workspaces?page_size=100', { key: stack.adminKey });
    expect(list.body.data.map((w: { id: string }) => w.id)).toContain(ws.id);
    // Deleting with the right name answers (it used to time out behind the stuck projection).
    const doomed = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Doomed' } })).body;
    expect((await http(stack, 'DELETE', `/admin/workspaces/${doomed.id}`, { key: stack.adminKey, body: { name: 'Doomed' } })).status).toBe(200);
  }, 60_000);

  it('the parked events are reported: /v1/health is degraded and names them, `projections status` lists them', async () => {
    const health = await http(stack, 'GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('degraded');
    const readModels = health.body.degraded.workspaces.readModels.details.projections as Array<{ projection: string; parked: number }>;
    expect(readModels.find((p) => p.projection === 'workspaces-projection')?.parked).toBe(POISON.length);
    const status = await portcullis(stack, ['projections', 'status']);
    expect(status.code).toBe(0);
    for (const position of positions) expect(status.stdout).toContain(`position ${position} `);
    expect(status.stdout).toMatch(/parked: workspaces-projection position \d+ WorkspaceUpdated .*defaults\.metadata key "a\.b"/);
    expect(status.stdout).toMatch(/parked: api-keys-projection position \d+ ApiKeyUpdated .*must not be nested deeper than 32 levels/);
  }, 60_000);

  it('a restart brings every service up and listening within 30 s', async () => {
    const started = Date.now();
    await stack.restart();
    await eventually(async () => (await http(stack, 'GET', '/health')).status === 200, { timeoutMs: 30_000, intervalMs: 100 });
    expect(Date.now() - started).toBeLessThan(30_000);
    expect((await http(stack, 'GET', '/admin/workspaces', { key: stack.adminKey })).status).toBe(200);
  }, 60_000);

  it('`audit replay --all` reports the parked events and no other difference', async () => {
    const replay = await portcullis(stack, ['audit', 'replay', '--all']);
    expect(replay.stdout).toContain('no differences');
    expect(replay.code).toBe(0);
    expect(replay.stdout.match(/^ {2}parked: /gm)?.length).toBeGreaterThanOrEqual(positions.length);
    expect(replay.stdout).toMatch(/parked: WorkspaceUpdated .* at position \d+ \(workspace-/);
  }, 120_000);

  it('the same payloads through the HTTP API are refused with 400 AB01 naming the field, and change nothing', async () => {
    const before = (await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: stack.adminKey })).body;
    for (const [label, metadata] of POISON) {
      const cases: Array<[string, string, unknown, RegExp]> = [
        ['POST', '/admin/workspaces', { name: 'x', defaults: { metadata } }, /defaults\.metadata/],
        ['PUT', `/admin/workspaces/${ws.id}`, { defaults: { metadata } }, /defaults\.metadata/],
        ['POST', '/api-keys/organisation/service', { name: 'x', scopes: ['workspaces.list'], defaults: { metadata } }, /defaults\.metadata/],
        ['PUT', `/api-keys/${keyId}`, { defaults: { metadata } }, /defaults\.metadata/],
      ];
      for (const [method, path, body, field] of cases) {
        const response = await http(stack, method, path, { key: stack.adminKey, body });
        expect({ label, method, path, status: response.status, code: response.body?.data?.errorCode }).toEqual({ label, method, path, status: 400, code: 'AB01' });
        expect(response.body.data.message).toMatch(field);
      }
    }
    expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: stack.adminKey })).body).toEqual(before);
  }, 60_000);
});
