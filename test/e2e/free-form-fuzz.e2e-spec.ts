import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { eventually } from '#libs/testing';
import { http } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

/** Longest any answer may take: the RPC timeout (5 s) plus the gateway's own work. */
const ANSWER_WITHIN_MS = 8_000;

/** Keys MongoDB and every `metadata.<key>` filter choke on, mixed with ordinary ones. */
const nastyKey = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('a.b', '$x', '$where', 'k\u0000', '.', '__proto__', 'constructor', '', ' ', 'é'.repeat(200)),
);
const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 40 }),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(nastyKey, tie('value'), { maxKeys: 5 }),
  ),
})).value;
/** Nesting far past every bound, and strings past every length limit. */
const extreme = fc.oneof(
  fc.integer({ min: 20, max: 1_500 }).map((depth) => {
    let v: unknown = 'bottom';
    for (let i = 0; i < depth; i++) v = { n: v };
    return v;
  }),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'z'.repeat(n)),
);
const freeForm = fc.oneof(json, extreme, fc.dictionary(nastyKey, fc.oneof(json, extreme), { maxKeys: 6 }));

async function timed(stack: Stack, method: string, path: string, key: string, body: unknown) {
  const started = Date.now();
  const response = await http(stack, method, path, { key, body });
  return { ...response, ms: Date.now() - started };
}

describe('property: random JSON in every write route\'s free-form fields never breaks the control plane', () => {
  let stack: Stack;
  let ws: { id: string };
  let keyId: string;
  beforeAll(async () => {
    stack = await startStack();
    ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Fuzzed' } })).body;
    keyId = (await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'fuzzed key', scopes: ['workspaces.read'], workspace_id: ws.id } })).body.id;
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const routes = (): Array<[string, string, (v: unknown) => unknown]> => [
    ['POST', '/admin/workspaces', (v) => ({ name: 'fuzz', defaults: { metadata: v } })],
    ['POST', '/admin/workspaces', (v) => ({ name: 'fuzz', defaults: { input_guardrails: [v], output_guardrails: v } })],
    ['POST', '/admin/workspaces', (v) => ({ name: 'fuzz', defaults: v, usage_limits: v, rate_limits: v })],
    ['PUT', `/admin/workspaces/${ws.id}`, (v) => ({ defaults: { metadata: v, user_api_key_config: v } })],
    ['PUT', `/admin/workspaces/${ws.id}`, (v) => ({ description: v, icon: v })],
    ['POST', '/api-keys/workspace/service', (v) => ({ name: 'fuzz', scopes: ['workspaces.read'], workspace_id: ws.id, defaults: { metadata: v } })],
    ['POST', '/api-keys/organisation/service', (v) => ({ name: 'fuzz', scopes: ['workspaces.list'], rotation_policy: v, usage_limits: v, defaults: v })],
    ['PUT', `/api-keys/${keyId}`, (v) => ({ defaults: { metadata: v, config_id: v }, alert_emails: v })],
    ['POST', '/admin/users/invites', (v) => ({ email: 'fuzz@example.com', role: 'member', workspaces: [], workspace_api_key_details: v })],
    ['POST', `/admin/workspaces/${ws.id}/users`, (v) => ({ users: v })],
    ['POST', '/policies/rate-limits', (v) => ({ workspace_id: ws.id, conditions: v, group_by: [{ key: 'api_key' }], type: 'requests', unit: 'rpm', value: 10 })],
    ['POST', '/policies/usage-limits', (v) => ({ workspace_id: ws.id, conditions: [{ key: 'workspace_id', value: ws.id }], group_by: v, type: 'cost', credit_limit: 10 })],
  ];

  it('never a 5xx, never an answer slower than the RPC timeout, and a plain write still lands afterwards', async () => {
    for (const [method, path, bodyOf] of routes()) {
      await fc.assert(
        fc.asyncProperty(freeForm, async (value) => {
          const response = await timed(stack, method, path, stack.adminKey, bodyOf(value));
          expect({ method, path, status: response.status < 500, fast: response.ms < ANSWER_WITHIN_MS }).toEqual({ method, path, status: true, fast: true });
        }),
        // FUZZ_RUNS raises the count for a deliberate hunt; CI runs 25 per route with a fresh seed.
        { numRuns: Number(process.env.FUZZ_RUNS ?? 25) },
      );
      // Whatever was accepted, the service still takes an ordinary write and shows it.
      const plain = await http(stack, 'PUT', `/admin/workspaces/${ws.id}`, { key: stack.adminKey, body: { description: `after ${method} ${path}` } });
      expect(plain.status).toBe(200);
      expect((await http(stack, 'GET', `/admin/workspaces/${ws.id}`, { key: stack.adminKey })).body.description).toBe(`after ${method} ${path}`);
    }
    // Nothing the edge accepted had to be parked. A projector still catching up on a loaded machine
    // (or one whose feed just resubscribed) recovers by itself, a parked event does not: wait a
    // bounded time, then show what was degraded.
    let health = await http(stack, 'GET', '/health');
    await eventually(async () => (health = await http(stack, 'GET', '/health')).body.status === 'ok', { timeoutMs: 30_000, intervalMs: 500 }).catch(() => undefined);
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok' });
  }, 600_000);
});
