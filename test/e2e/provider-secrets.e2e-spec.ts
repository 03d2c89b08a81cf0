import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ProvidersSubjects, type ResolvedProviderCredentials } from '#libs/contracts';
import { createEventStore, eventStoreConfig, foldState, type EventStore } from '#libs/event-store';
import { dataKeyDecider, dataKeyStream, generateMasterKeyText, masterKey, unwrapDataKey } from '#libs/secrets';
import { eventually } from '#libs/testing';
import { portcullis } from '../support/cli.js';
import { http } from '../support/clients.js';
import { CapturingLogger, startStack, type Stack } from '../support/stack.js';
import { dumpDatabases, dumpEventStore } from '../support/store-dump.js';

/** Every file under `dir` (the memory engine's read-model snapshots), as text. */
function filesUnder(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .map((path) => (statSync(path).isDirectory() ? filesUnder(path) : `${path}\n${readFileSync(path, 'utf8')}`))
    .join('\n');
}

describe.each(['memory', 'mongo'] as const)('provider secrets: sealed at rest, masked on the wire, rotated by `portcullis keys rewrap` (%s query engine)', (engine) => {
  let stack: Stack;
  let store: EventStore;
  const logs = new CapturingLogger();
  const secrets: string[] = [];
  const errors: string[] = [];
  const secret = (label: string) => {
    const value = `sk-${label}-${randomBytes(12).toString('hex')}`;
    secrets.push(value);
    return value;
  };
  const ids: Record<string, { slug: string; workspaceId: string }> = {};
  let ws: { id: string; slug: string };

  const resolve = (ref: keyof typeof ids) =>
    stack.rpc().call<ResolvedProviderCredentials>(
      ProvidersSubjects.resolveCredentials,
      { orgId: stack.orgId, workspaceId: ids[ref]!.workspaceId, ref: ids[ref]!.slug },
      { requestId: `test-${randomBytes(4).toString('hex')}`, correlationId: 'test', principal: { kind: 'system' } },
    );
  const dataKeyState = async () => foldState(dataKeyDecider, await store.readStream(dataKeyStream(stack.orgId))).key!;

  beforeAll(async () => {
    stack = await startStack({ queryEngine: engine }, { logger: logs });
    store = await createEventStore(eventStoreConfig(stack.config));
    ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Secrets' } })).body;
  }, 60_000);
  afterAll(async () => {
    await store?.close();
    await stack?.stop();
  });

  const admin = (method: string, path: string, body?: unknown) => http(stack, method, path, { key: stack.adminKey, ...(body !== undefined ? { body } : {}) });
  const failing = async (method: string, path: string, options: { body?: unknown; rawBody?: string }) => {
    const result = await http(stack, method, path, { key: stack.adminKey, ...options });
    expect(result.status).toBeGreaterThanOrEqual(400);
    errors.push(JSON.stringify(result.body));
  };

  it('after a session of creates, updates and a master-key rewrap, no provider secret is in the store, the databases, the snapshots, the logs or any error body', async () => {
    const vk = (await admin('POST', '/virtual-keys', { name: 'openai', provider: 'openai', key: secret('vk1'), workspace_id: ws.id })).body;
    ids.vk = { slug: vk.slug, workspaceId: ws.id };
    const latestVkKey = secret('vk1b');
    expect((await admin('PUT', `/virtual-keys/${vk.slug}`, { key: latestVkKey })).status).toBe(200);
    const bedrockSecret = secret('aws');
    const bedrock = (await admin('POST', '/virtual-keys', {
      name: 'bedrock',
      provider: 'bedrock',
      workspace_id: ws.id,
      configurations: { aws_region: 'eu-west-1', aws_access_key_id: secret('akid'), aws_secret_access_key: bedrockSecret },
    })).body;
    ids.bedrock = { slug: bedrock.slug, workspaceId: ws.id };
    const integration = (await admin('POST', '/integrations', {
      name: 'azure',
      ai_provider_id: 'azure-openai',
      key: secret('int1'),
      configurations: { azure_resource_name: 'res', azure_entra_client_secret: secret('entra1') },
    })).body;
    const latestIntegrationKey = secret('int2');
    const latestEntra = secret('entra2');
    expect((await admin('PUT', `/integrations/${integration.slug}`, { key: latestIntegrationKey })).status).toBe(200);
    expect((await admin('PUT', `/integrations/${integration.slug}`, { configurations: { azure_resource_name: 'res', azure_entra_client_secret: latestEntra } })).status).toBe(200);
    expect((await admin('PUT', `/integrations/${integration.slug}/workspaces`, { workspaces: [{ id: ws.id, enabled: true }] })).status).toBe(200);
    ids.shared = { slug: integration.slug, workspaceId: ws.id };
    const scoped = (await admin('POST', '/integrations', { name: 'ws-int', ai_provider_id: 'anthropic', key: secret('wsint'), workspace_id: ws.id })).body;
    expect((await admin('POST', '/providers', { name: 'ant', integration_id: scoped.slug, workspace_id: ws.id })).status).toBe(200);

    // Requests that fail must not echo the secret they carried.
    await failing('POST', '/virtual-keys', { rawBody: `{"name":"x","provider":"openai","key":${secret('badjson')}}` });
    await failing('POST', '/virtual-keys', { body: { name: 123, provider: 'openai', key: secret('badtype') } });
    await failing('POST', '/virtual-keys', { body: { name: 'x', provider: 'openai', key: secret('badlimit'), rate_limits: { type: 'requests', unit: 'rpx', value: 1 } } });
    await failing('PUT', '/integrations/no-such-integration', { body: { key: secret('missing') } });
    await failing('POST', '/integrations', { body: { name: 'x', ai_provider_id: 'openai', key: { nested: secret('objkey') } } });
    await failing('POST', '/integrations', { body: { name: 'x', ai_provider_id: 'openai', key: secret('nows'), workspace_id: 'no-such-workspace' } });
    await failing('PUT', `/virtual-keys/${vk.slug}`, { body: { key: secret('badput'), usage_limits: [] } });

    // Rotate the master key while the stack runs.
    const before = await dataKeyState();
    const rewrap = await portcullis(stack, ['keys', 'rewrap']);
    expect({ code: rewrap.code, stderr: rewrap.stderr }).toMatchObject({ code: 0 });
    expect(rewrap.stdout).toMatch(/re-wrapped 1 data key\(s\) from mk_[0-9a-f]{16} to mk_[0-9a-f]{16}; 0 were already under it; no secret was re-encrypted/);
    expect(rewrap.stderr).toMatch(/re-wrapping data keys/);
    const after = await dataKeyState();
    expect(after.keyId).toBe(before.keyId);
    expect(after.masterKeyId).not.toBe(before.masterKeyId);
    const newMaster = masterKey(readFileSync(join(stack.config.dataDir, 'master-key'), 'utf8'), 'file');
    expect(after.masterKeyId).toBe(newMaster.id);
    expect(existsSync(join(stack.config.dataDir, 'master-key.next'))).toBe(false);

    // The running service keeps working, and the restarted one (new key from the file) too.
    const late = (await admin('POST', '/virtual-keys', { name: 'late', provider: 'openai', key: secret('late'), workspace_id: ws.id })).body;
    ids.late = { slug: late.slug, workspaceId: ws.id };
    await stack.restart();
    expect((await resolve('vk')).apiKey).toBe(latestVkKey);
    expect((await resolve('bedrock')).configurations).toMatchObject({ aws_region: 'eu-west-1', aws_secret_access_key: bedrockSecret });
    expect(await resolve('shared')).toMatchObject({ aiProvider: 'azure-openai', apiKey: latestIntegrationKey, configurations: { azure_resource_name: 'res', azure_entra_client_secret: latestEntra } });
    expect((await resolve('late')).apiKey).toBe(secrets.find((s) => s.startsWith('sk-late-')));

    // The rewrap is on the audit log, naming the operator.
    const rotated = await eventually(
      async () => {
        const page = await admin('GET', `/audit-logs?start_time=2000-01-01T00:00:00Z&end_time=2100-01-01T00:00:00Z&organisation_id=${stack.orgId}&resource_type=data_keys`);
        return page.body.records?.length ? page.body.records : false;
      },
      { timeoutMs: 10_000 },
    );
    expect(rotated[0]).toMatchObject({ action: 'rotate', method: 'CLI', user_type: 'user', user_id: expect.stringMatching(/^operator:/), resource_id: before.keyId });

    // Every new read model rebuilds from the events to exactly what the service holds.
    const replay = await portcullis(stack, ['audit', 'replay', '--all']);
    for (const collection of ['integrations', 'integration_workspaces', 'providers']) {
      expect(replay.stdout).toMatch(new RegExp(`keys\\.${collection}: \\d+ document\\(s\\) compared, 0 difference`));
    }
    expect({ code: replay.code, out: replay.stdout }).toMatchObject({ code: 0, out: expect.stringContaining('no differences') });

    await stack.restart(); // the memory engine's snapshots are written at shutdown
    expect(logs.lines.length).toBeGreaterThan(0);
    const haystacks = {
      'event store': await dumpEventStore(stack),
      databases: await dumpDatabases(stack),
      'read-model snapshots': filesUnder(join(stack.config.dataDir, 'read-models')),
      logs: logs.lines.join('\n'),
      'error bodies': errors.join('\n'),
    };
    expect(haystacks['event store']).toContain('DataKeyRewrapped');
    if (engine === 'memory') expect(haystacks['read-model snapshots']).toContain('virtual-key');
    else expect(haystacks.databases).toContain('virtual-key');
    for (const [where, text] of Object.entries(haystacks)) {
      // The middle of a secret is never shown anywhere, not even in its masked form.
      const leaked = secrets.filter((s) => text.includes(s) || text.includes(s.slice(4, -4)));
      expect({ where, leaked }).toEqual({ where, leaked: [] });
    }
  }, 120_000);

  it('the ciphertext opens only with the configured master key; a wrong one fails loudly and changes nothing', async () => {
    const state = await dataKeyState();
    const configured = masterKey(readFileSync(join(stack.config.dataDir, 'master-key'), 'utf8'), 'file');
    const wrongText = generateMasterKeyText();
    const wrong = masterKey(wrongText, 'test');
    expect(unwrapDataKey(configured, state.wrapped, state.orgId, state.keyId)).not.toBeNull();
    expect(unwrapDataKey(wrong, state.wrapped, state.orgId, state.keyId)).toBeNull();

    const providersBefore = (await admin('GET', `/virtual-keys?workspace_id=${ws.id}`)).body.total;
    stack.config.masterKey = wrongText;
    try {
      await stack.restart();
      await expect(resolve('vk')).rejects.toMatchObject({ code: 'SECRETS.MASTER_KEY_MISMATCH', message: expect.stringContaining(wrong.id) });
      const refused = await admin('POST', '/virtual-keys', { name: 'after', provider: 'openai', key: secret('wrongmk'), workspace_id: ws.id });
      expect(refused.status).toBe(500);
      expect(refused.body.data.message).toMatch(/wrapped by master key mk_/);
      errors.push(JSON.stringify(refused.body));

      // The CLI refuses too, before writing anything.
      process.env.PORTCULLIS_MASTER_KEY = wrongText;
      process.env.PORTCULLIS_NEW_MASTER_KEY = generateMasterKeyText();
      const cli = await portcullis(stack, ['keys', 'rewrap']);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toMatch(/wrapped by master key/);
    } finally {
      delete process.env.PORTCULLIS_MASTER_KEY;
      delete process.env.PORTCULLIS_NEW_MASTER_KEY;
      delete stack.config.masterKey;
    }
    expect(await dataKeyState()).toEqual(state);
    await stack.restart();
    expect((await resolve('vk')).apiKey).toMatch(/^sk-vk1b-/);
    expect((await admin('GET', `/virtual-keys?workspace_id=${ws.id}`)).body.total).toBe(providersBefore);
    const leaked = secrets.filter((s) => errors.join('\n').includes(s) || logs.lines.join('\n').includes(s));
    expect(leaked).toEqual([]);
  }, 120_000);
});
