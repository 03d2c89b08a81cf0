import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { eventually } from '#libs/testing';
import { http } from '../support/clients.js';
import { dumpDatabases, dumpEventStore } from '../support/store-dump.js';
import { CapturingLogger, startStack, type Stack } from '../support/stack.js';

/** Every message of the LOGS stream, raw. */
async function dumpLogsStream(stack: Stack): Promise<string> {
  const nc = await connect({ servers: stack.config.natsUrl });
  try {
    const jsm = await jetstreamManager(nc);
    const info = await jsm.streams.info(stack.config.logsStream);
    const out: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const m = await jsm.streams.getMessage(stack.config.logsStream, { seq }).catch(() => null);
      if (m) out.push(new TextDecoder().decode(m.data));
    }
    return out.join('\n');
  } finally {
    await nc.close();
  }
}

/** Every file under the data directory (log store, export files, snapshots). */
function dumpDataDir(dir: string): string {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(dumpDataDir(path));
    else if (statSync(path).size < 50 * 1024 * 1024) out.push(readFileSync(path, 'latin1'));
  }
  return out.join('\n');
}

describe('secrets search over logs, the event store, databases, export files and log output', () => {
  let stack: Stack;
  const logger = new CapturingLogger();
  beforeAll(async () => {
    stack = await startStack({}, { logger });
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('no provider secret and no caller API key appears anywhere after logs, feedback and an export', async () => {
    const providerSecret = `sk-provider-${randomBytes(16).toString('hex')}`;
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Secret logs' } })).body;
    const vk = await http(stack, 'POST', '/virtual-keys', { key: stack.adminKey, body: { name: 'openai', provider: 'openai', key: providerSecret, workspace_id: ws.id } });
    expect(vk.status).toBe(200);
    const callerKey = (await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'caller', scopes: ['completions.write', 'logs.write', 'logs.view', 'logs.export'], workspace_id: ws.id } })).body.key as string;

    const traceId = randomUUID();
    const logs = Array.from({ length: 5 }, () => ({
      request: {
        url: 'https://api.openai.com/v1/chat/completions',
        method: 'POST',
        headers: { authorization: `Bearer ${providerSecret}`, 'api-key': providerSecret, 'x-portkey-api-key': callerKey, 'x-api-key': providerSecret },
        body: { model: 'gpt-4o', api_key: providerSecret, messages: [{ role: 'user', content: 'hello' }] },
      },
      response: { status: 200, headers: { 'set-cookie': `s=${providerSecret}` }, body: { usage: { total_tokens: 3 } } },
      metadata: { trace_id: traceId },
    }));
    const posted = await http(stack, 'POST', '/logs', { key: callerKey, body: logs });
    expect(posted.status).toBe(200);
    expect((await http(stack, 'POST', '/feedback', { key: callerKey, body: { trace_id: traceId, value: 5 } })).status).toBe(200);
    const exp = (await http(stack, 'POST', '/logs/exports', { key: callerKey, body: { filters: {}, requested_data: ['id', 'request', 'response', 'metadata'] } })).body;
    await http(stack, 'POST', `/logs/exports/${exp.id}/start`, { key: callerKey });
    await eventually(async () => (await http(stack, 'GET', `/logs/exports/${exp.id}`, { key: callerKey })).body.status === 'success');
    const { signed_url } = (await http(stack, 'GET', `/logs/exports/${exp.id}/download`, { key: callerKey })).body;
    const file = await (await fetch(signed_url, { headers: { 'x-portkey-api-key': callerKey } })).text();
    expect(file.trim().split('\n')).toHaveLength(5);

    const places: Record<string, string> = {
      'LOGS stream': await dumpLogsStream(stack),
      'event store': await dumpEventStore(stack),
      databases: await dumpDatabases(stack),
      'data directory (log store, export files)': dumpDataDir(stack.config.dataDir),
      'downloaded export': file,
      'log output': logger.lines.join('\n'),
      'GET /v1/logs/{id}': JSON.stringify((await http(stack, 'GET', `/logs/${posted.body.log_ids[0]}`, { key: callerKey })).body),
    };
    expect(places['LOGS stream']).toContain(traceId);
    const callerSecret = callerKey.slice(-24);
    for (const [place, text] of Object.entries(places)) {
      expect({ place, providerSecret: text.includes(providerSecret) }).toEqual({ place, providerSecret: false });
      expect({ place, callerKey: text.includes(callerKey) || text.includes(callerSecret) }).toEqual({ place, callerKey: false });
    }
  });
});
