import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { RequestLog } from '#libs/request-logs';
import { eventually } from '#libs/testing';
import { logFilePath } from '../../apps/analytics/src/logs/logs-ingest.js';
import { http } from '../support/clients.js';
import { fakeOpenAi, type FakeUpstream } from '../support/fake-upstreams.js';
import { startStack, type Stack } from '../support/stack.js';

const CALLS = 300;

/**
 * Issue 11: the analytics service going away during a burst of completions fails none of them
 * (the gateway publishes request logs to LOGS, not to analytics), and once it is back every
 * call's record is stored exactly once. The SIGKILL variant, on a real process, is
 * apps/analytics/test/logs-kill.e2e-spec.ts.
 */
describe('completions while the analytics service is down', () => {
  let stack: Stack;
  let upstream: FakeUpstream;

  beforeAll(async () => {
    stack = await startStack();
    upstream = await fakeOpenAi('outage');
  }, 90_000);
  afterAll(async () => {
    await stack?.stop();
    await upstream?.close();
  });

  it('no call fails, and after the restart each call has exactly one log record', async () => {
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Outage' } })).body;
    const key = (await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'outage', scopes: ['completions.write'], workspace_id: ws.id } })).body;
    const vk = (await http(stack, 'POST', '/virtual-keys', { key: stack.adminKey, body: { name: 'outage', provider: 'openai', key: 'sk-outage-secret-123456', workspace_id: ws.id, custom_host: `${upstream.url}/v1` } })).body;
    const traces = Array.from({ length: CALLS }, () => randomUUID());
    const call = (trace: string) =>
      fetch(`${stack.apiUrl}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-portkey-api-key': key.key, 'x-portkey-virtual-key': vk.slug, 'x-portkey-trace-id': trace },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      }).then((r) => r.status);

    const statuses: number[] = [];
    let stopped = false;
    const burst = (async () => {
      for (let i = 0; i < CALLS; i += 10) statuses.push(...(await Promise.all(traces.slice(i, i + 10).map(call))));
    })();
    // Down once a third of the burst is through, up again after the burst.
    await eventually(() => statuses.length >= CALLS / 3, { timeoutMs: 60_000, intervalMs: 10 });
    await stack.stopService('analytics');
    stopped = true;
    await burst;
    expect(stopped).toBe(true);
    expect(statuses).toHaveLength(CALLS);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    await stack.startService('analytics');
    const file = logFilePath(stack.config.dataDir);
    const stored = await eventually(
      () => {
        if (!existsSync(file)) return false;
        const mine = readFileSync(file, 'utf8')
          .split('\n')
          .filter((line) => line.endsWith('}'))
          .map((line) => (JSON.parse(line) as { log: RequestLog }).log)
          .filter((log) => log.workspaceId === ws.id);
        return mine.length >= CALLS ? mine : false;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    expect(stored).toHaveLength(CALLS);
    expect(new Set(stored.map((l) => l.traceId))).toEqual(new Set(traces));
    expect(stored.every((l) => l.status === 200 && l.totalTokens > 0)).toBe(true);
  }, 180_000);
});
