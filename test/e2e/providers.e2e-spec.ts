import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { ReferenceSubjects, type MissingProviderRefsReply, type RefUsersReply, type RefUsersRequest, type RequestContext } from '#libs/contracts';
import { bootstrapService, RpcPayload } from '#libs/messaging';
import { http, inviteAndAccept, sdk, sdkError } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';
import fc from 'fast-check';
import { eventually } from '#libs/testing';

/** Refs the stand-in for the configs service says are used (see the reference test). */
const usedRefs = new Set<string>();

@Controller()
class StandInConfigsController {
  @MessagePattern(ReferenceSubjects.configsUsingProvider)
  using(@RpcPayload() request: RefUsersRequest): RefUsersReply {
    return { users: request.refs.some((r) => usedRefs.has(r)) ? [{ type: 'config', id: 'cfg-1', name: 'pc-uses-it' }] : [] };
  }
}

@Module({ controllers: [StandInConfigsController] })
class StandInConfigsModule {}

const system = (): RequestContext => ({ requestId: 'test', correlationId: 'test', principal: { kind: 'system' } });

const RFC3339_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const WORKSPACE_KEY_SCOPES = [
  'virtual_keys.create',
  'virtual_keys.read',
  'virtual_keys.update',
  'virtual_keys.delete',
  'virtual_keys.list',
  'providers.create',
  'providers.read',
  'providers.update',
  'providers.delete',
  'providers.list',
  'workspace_integrations.create',
  'workspace_integrations.read',
  'workspace_integrations.update',
  'workspace_integrations.delete',
  'workspace_integrations.list',
  'organisation_integrations.list',
];

describe('virtual keys, integrations and providers through the official portkey-ai SDK', () => {
  let stack: Stack;
  let pk: ReturnType<typeof sdk>;
  let wsA: { id: string; slug: string };
  let wsB: { id: string; slug: string };
  let keyA: string;
  let memberKey: string;

  beforeAll(async () => {
    stack = await startStack();
    pk = sdk(stack, stack.adminKey);
    wsA = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Alpha' } })).body;
    wsB = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Beta' } })).body;
    keyA = (await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'svc-a', scopes: WORKSPACE_KEY_SCOPES, workspace_id: wsA.id } })).body.key;
    const member = await inviteAndAccept(stack, stack.adminKey, { email: 'member@example.com', role: 'member', workspaces: [{ id: wsA.id, role: 'member' }] });
    memberKey = member.api_keys[0]!.key;
  }, 90_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('virtual keys: create → get → list at once, update, delete; the key is only ever masked', async () => {
    const created = (await pk.virtualKeys.create({ name: 'OpenAI prod', provider: 'openai', key: 'sk-live-abcdefghijklmnop1234', note: 'n1', workspace_id: wsA.id })) as Record<string, any>;
    expect(created).toMatchObject({ object: 'virtual-key', success: true, data: { slug: created.slug } });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(created.slug).toMatch(/^openai-prod-[0-9a-f]{6}$/);

    const got = (await pk.virtualKeys.retrieve({ slug: created.slug })) as Record<string, any>;
    expect(got).toMatchObject({
      object: 'virtual-key',
      id: created.id,
      slug: created.slug,
      name: 'OpenAI prod',
      note: 'n1',
      status: 'active',
      ai_provider_name: 'openai',
      masked_api_key: 'sk-l*****1234',
      key: '',
      usage_limits: null,
      rate_limits: [],
      workspace_id: wsA.id,
      workspace_name: 'Alpha',
      organisation_id: stack.orgId,
    });
    expect(got.created_at).toMatch(RFC3339_MS);
    expect(JSON.stringify(got)).not.toContain('abcdefghijklmnop');

    const listed = await pk.virtualKeys.list({ workspace_id: wsA.id });
    expect(listed).toMatchObject({ object: 'list', total: 1 });
    expect(listed.data![0]).toMatchObject({ slug: created.slug, provider: 'openai', masked_api_key: 'sk-l*****1234' });

    // Create and update take limits as objects; the views answer rate limits as an array.
    const updated = await pk.virtualKeys.update({
      slug: created.slug,
      name: 'OpenAI prod 2',
      key: 'sk-live-zyxwvutsrqponmlk9876',
      usage_limits: { credit_limit: 100, type: 'cost', alert_threshold: 80, periodic_reset: 'monthly' },
      rate_limits: { type: 'requests', unit: 'rpm', value: 60 } as never,
    });
    expect(updated).toMatchObject({ id: created.id, slug: created.slug, object: 'virtual-key' });
    const after = (await pk.virtualKeys.retrieve({ slug: created.slug })) as Record<string, any>;
    expect(after).toMatchObject({
      name: 'OpenAI prod 2',
      masked_api_key: 'sk-l*****9876',
      usage_limits: { credit_limit: 100, type: 'cost', alert_threshold: 80, periodic_reset: 'monthly' },
      rate_limits: [{ type: 'requests', unit: 'rpm', value: 60 }],
    });

    // Its private integration never shows among the integrations.
    const integrations = await http(stack, 'GET', '/integrations?type=all', { key: stack.adminKey });
    expect(integrations.body.data.map((i: { slug: string }) => i.slug)).not.toContain(after.integration_id);

    await pk.virtualKeys.delete({ slug: created.slug });
    expect(await sdkError(pk.virtualKeys.retrieve({ slug: created.slug }))).toMatchObject({ status: 404, error: { data: { errorCode: 'AB08' } } });
    expect((await pk.virtualKeys.list({ workspace_id: wsA.id })).total).toBe(0);
  });

  it('Azure virtual keys keep their resource and deployments; a workspace key creates in its own workspace, which B never sees', async () => {
    const own = sdk(stack, keyA);
    const created = (await own.virtualKeys.create({
      name: 'Azure',
      provider: 'azure-openai',
      key: 'azure-key-0123456789abcdef',
      resourceName: 'my-resource',
      deploymentConfig: [{ apiVersion: '2024-02-15-preview', deploymentName: 'gpt-4o', alias: 'g4', is_default: true }],
    })) as Record<string, any>;
    const got = (await own.virtualKeys.retrieve({ slug: created.slug })) as Record<string, any>;
    expect(got).toMatchObject({
      workspace_id: wsA.id,
      ai_provider_name: 'azure-openai',
      model_config: { resourceName: 'my-resource', deploymentConfig: [{ apiVersion: '2024-02-15-preview', deploymentName: 'gpt-4o', alias: 'g4', is_default: true }] },
    });
    // The same resource through the provider view.
    const asProvider = await http(stack, 'GET', `/providers/${created.slug}?workspace_id=${wsA.id}`, { key: stack.adminKey });
    expect(asProvider.body).toMatchObject({ object: 'provider', id: created.id, slug: created.slug, ai_provider_name: 'azure-openai', workspace_id: wsA.id, status: 'active', rate_limits: [] });

    expect((await pk.virtualKeys.list({ workspace_id: wsB.id })).total).toBe(0);
    expect((await http(stack, 'GET', `/virtual-keys/${created.slug}?workspace_id=${wsB.id}`, { key: stack.adminKey })).status).toBe(404);
    expect((await http(stack, 'GET', `/virtual-keys?workspace_id=${wsB.id}`, { key: keyA })).status).toBe(403);
    expect((await http(stack, 'POST', '/virtual-keys', { key: keyA, body: { name: 'x', provider: 'openai', workspace_id: wsB.id } })).status).toBe(403);
    await own.virtualKeys.delete({ slug: created.slug });
  });

  it('integrations: create with a key and configurations, get (masked), list by type, update, models and workspace access', async () => {
    const created = await pk.integrations.create({
      name: 'Azure shared',
      ai_provider_id: 'azure-openai',
      key: 'az-shared-key-abcdefghijklmnop',
      description: 'shared',
      configurations: { azure_resource_name: 'res', azure_entra_client_secret: 'entra-secret-value-123456', azure_auth_mode: 'entra' },
    });
    expect(created).toMatchObject({ id: expect.any(String), slug: expect.stringMatching(/^azure-shared-[0-9a-f]{6}$/) });
    const got = await pk.integrations.retrieve({ slug: created.slug });
    expect(got).toMatchObject({
      object: 'integration',
      id: created.id,
      slug: created.slug,
      name: 'Azure shared',
      ai_provider_id: 'azure-openai',
      description: 'shared',
      status: 'active',
      type: 'organisation',
      workspace_id: null,
      organisation_id: stack.orgId,
      masked_key: 'az-s*****mnop',
      configurations: { azure_resource_name: 'res', azure_auth_mode: 'entra', azure_entra_client_secret: 'entr*****3456' },
      secret_mappings: [],
    });
    expect(JSON.stringify(got)).not.toContain('entra-secret-value');

    const orgList = await pk.integrations.list({ type: 'organisation' });
    expect(orgList.data.map((i: { id: string }) => i.id)).toContain(created.id);
    expect((await pk.integrations.list({ type: 'workspace', workspace_id: wsA.id })).data.map((i: { id: string }) => i.id)).not.toContain(created.id);

    // Echoing the masked secret back keeps it; a changed plain field changes.
    await pk.integrations.update({ slug: created.slug, name: 'Azure shared 2', configurations: { ...got.configurations, azure_resource_name: 'res2' } });
    const updated = await pk.integrations.retrieve({ slug: created.id });
    expect(updated).toMatchObject({ name: 'Azure shared 2', configurations: { azure_resource_name: 'res2', azure_entra_client_secret: 'entr*****3456' }, masked_key: 'az-s*****mnop' });

    // Models: upsert by slug, list, delete by ?slugs= and by body.
    await pk.integrations.models.update({ slug: created.slug, models: [{ slug: 'gpt-4o', enabled: true }, { slug: 'my-ft', enabled: true, is_custom: true, pricing_config: { type: 'static', pay_as_you_go: { request_token: { price: 0.03 } } } }] });
    await pk.integrations.models.update({ slug: created.slug, allow_all_models: false, models: [{ slug: 'o3', enabled: false }] });
    const models = await pk.integrations.models.list({ slug: created.slug });
    // Azure OpenAI's catalogue (3 models, gpt-4o among them) plus the two entered beyond it.
    expect(models).toMatchObject({ total: 5, allow_all_models: false });
    expect(models.models.find((m: { slug: string }) => m.slug === 'gpt-4o-mini')).toMatchObject({ enabled: false, is_custom: false });
    expect(models.models.find((m: { slug: string }) => m.slug === 'gpt-4o')).toMatchObject({ enabled: true });
    expect(models.models.find((m: { slug: string }) => m.slug === 'my-ft')).toMatchObject({ enabled: true, is_custom: true, pricing_config: { type: 'static', pay_as_you_go: { request_token: { price: 0.03 } } } });
    await pk.integrations.models.delete({ slug: created.slug, slugs: 'o3' });
    await http(stack, 'DELETE', `/integrations/${created.slug}/models`, { key: stack.adminKey, body: { models: ['my-ft'] } });
    expect((await pk.integrations.models.list({ slug: created.slug })).models.map((m: { slug: string }) => m.slug)).toEqual(['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small']);

    // No workspace has access yet: providers over it are refused.
    const refused = await http(stack, 'POST', '/providers', { key: stack.adminKey, body: { name: 'p', integration_id: created.slug, workspace_id: wsA.id } });
    expect(refused.status).toBe(400);
    expect(refused.body.data.message).toMatch(/integration_id/);

    await pk.integrations.workspaces.update({
      slug: created.slug,
      workspaces: [
        { id: wsA.slug, enabled: true, usage_limits: [{ type: 'cost', credit_limit: 100, alert_threshold: 80, periodic_reset: 'monthly' }], rate_limits: [{ type: 'requests', unit: 'rpm', value: 1000 }] },
        { id: wsB.id, enabled: false, create_default_provider: false },
      ],
    });
    const access = await pk.integrations.workspaces.list({ slug: created.slug });
    expect(access).toMatchObject({
      total: 2,
      global_workspace_access: { enabled: false },
    });
    expect(access.workspaces).toEqual(
      expect.arrayContaining([
        { id: wsA.slug, workspace_id: wsA.id, enabled: true, usage_limits: [{ type: 'cost', credit_limit: 100, alert_threshold: 80, periodic_reset: 'monthly' }], rate_limits: [{ type: 'requests', unit: 'rpm', value: 1000 }] },
        { id: wsB.slug, workspace_id: wsB.id, enabled: false, usage_limits: [], rate_limits: [] },
      ]),
    );
    // Limits come back as integers (Terraform decodes them as *int), not 100.0.
    const raw = await fetch(`${stack.apiUrl}/integrations/${created.slug}/workspaces`, { headers: { 'x-portkey-api-key': stack.adminKey } });
    expect(await raw.text()).toContain('"credit_limit":100,');

    // Access created a default provider in A, named after the integration.
    const providers = await pk.providers.list({ workspace_id: wsA.id });
    expect(providers.data).toEqual([expect.objectContaining({ slug: created.slug, integration_id: created.slug, ai_provider_name: 'azure-openai', workspace_id: wsA.id })]);
    // B has access disabled: refused.
    expect((await http(stack, 'POST', '/providers', { key: stack.adminKey, body: { name: 'p', integration_id: created.slug, workspace_id: wsB.id } })).status).toBe(400);
  });

  it('providers: create → get (by slug and id) → list at once, update, delete; one resource with the virtual-key view', async () => {
    const integration = await pk.integrations.create({ name: 'OpenAI org', ai_provider_id: 'openai', key: 'sk-org-0000111122223333' });
    await pk.integrations.workspaces.update({ slug: integration.slug, global_workspace_access: { enabled: true }, workspaces: [] });
    const created = await pk.providers.create({ name: 'Team OpenAI', integration_id: integration.slug, workspace_id: wsA.id, note: 'hello', usage_limits: { credit_limit: 5, type: 'tokens' }, rate_limits: { type: 'tokens', unit: 'rph', value: 500 } });
    expect(created).toMatchObject({ id: expect.any(String), slug: expect.stringMatching(/^team-openai-[0-9a-f]{6}$/), object: 'provider' });
    const bySlug = await pk.providers.retrieve({ slug: created.slug!, workspace_id: wsA.id });
    const byId = (await http(stack, 'GET', `/providers/${created.id}?workspace_id=${wsA.id}`, { key: stack.adminKey })).body;
    expect(byId).toEqual(JSON.parse(JSON.stringify(bySlug)));
    expect(bySlug).toMatchObject({
      object: 'provider',
      id: created.id,
      name: 'Team OpenAI',
      integration_id: integration.slug,
      ai_provider_name: 'openai',
      workspace_id: wsA.id,
      note: 'hello',
      status: 'active',
      usage_limits: { credit_limit: 5, type: 'tokens' },
      rate_limits: [{ type: 'tokens', unit: 'rph', value: 500 }],
      expires_at: null,
    });
    expect((await pk.providers.list({ workspace_id: wsA.id })).data!.map((p) => p.id)).toContain(created.id);
    expect((await pk.providers.list({ workspace_id: wsB.id })).data!.map((p) => p.id)).not.toContain(created.id);
    // A workspace key of A sees it without naming the workspace; the VK view shows the integration's masked key.
    expect((await http(stack, 'GET', `/providers/${created.slug}`, { key: keyA })).body.id).toBe(created.id);
    expect((await http(stack, 'GET', `/virtual-keys/${created.slug}`, { key: keyA })).body).toMatchObject({ id: created.id, masked_api_key: 'sk-o*****3333', integration_id: integration.slug });

    // Terraform's update: name, note and the workspace in the body; answers {id, slug}; then re-GETs.
    const put = await http(stack, 'PUT', `/providers/${created.id}`, { key: stack.adminKey, body: { name: 'Team OpenAI 2', note: 'bye', workspace_id: wsA.id, expires_at: '2999-01-01T00:00:00Z' } });
    expect(put).toEqual({ status: 200, body: { id: created.id, slug: created.slug } });
    expect(await pk.providers.retrieve({ slug: created.slug!, workspace_id: wsA.id })).toMatchObject({ name: 'Team OpenAI 2', note: 'bye', expires_at: '2999-01-01T00:00:00.000Z' });

    // An admin key listing providers names the workspace.
    expect((await http(stack, 'GET', '/providers', { key: stack.adminKey })).status).toBe(400);

    // The integration is in use: 409 AB07 naming the provider.
    const inUse = await http(stack, 'DELETE', `/integrations/${integration.slug}`, { key: stack.adminKey });
    expect(inUse.status).toBe(409);
    expect(inUse.body.data).toMatchObject({ errorCode: 'AB07', message: expect.stringContaining(created.slug!) });

    await pk.providers.delete({ slug: created.slug!, workspace_id: wsA.id });
    expect((await http(stack, 'GET', `/providers/${created.id}?workspace_id=${wsA.id}`, { key: stack.adminKey })).status).toBe(404);
    await pk.integrations.delete({ slug: integration.slug });
    expect((await http(stack, 'GET', `/integrations/${integration.slug}`, { key: stack.adminKey })).status).toBe(404);
    // The slugs are free again.
    const again = await http(stack, 'POST', '/integrations', { key: stack.adminKey, body: { name: 'again', slug: integration.slug, ai_provider_id: 'openai' } });
    expect(again.body.slug).toBe(integration.slug);
  });

  it('workspace integrations: scoped to one workspace, usable there without access grants, invisible to others', async () => {
    const own = sdk(stack, keyA);
    const created = await own.integrations.create({ name: 'Anthropic A', ai_provider_id: 'anthropic', key: 'sk-ant-aaaabbbbccccdddd' });
    const got = await pk.integrations.retrieve({ slug: created.slug });
    expect(got).toMatchObject({ type: 'workspace', workspace_id: wsA.id });
    expect((await own.integrations.list({})).data.map((i: { id: string }) => i.id)).toContain(created.id);
    expect((await pk.integrations.list({ type: 'workspace', workspace_id: wsB.id })).data.map((i: { id: string }) => i.id)).not.toContain(created.id);
    const provider = await own.providers.create({ name: 'ant', integration_id: created.slug });
    expect(provider.slug).toBeDefined();
    expect((await http(stack, 'POST', '/providers', { key: stack.adminKey, body: { name: 'x', integration_id: created.slug, workspace_id: wsB.id } })).status).toBe(400);
    // Organisation-level writes need an admin key.
    expect((await http(stack, 'POST', '/integrations', { key: keyA, body: { name: 'x', ai_provider_id: 'openai', workspace_id: wsB.id } })).status).toBe(403);
    await own.providers.delete({ slug: provider.slug! });
    await own.integrations.delete({ slug: created.slug });
  });

  it('missingProviderRefs names the virtual keys and providers a workspace does not have (slug, id or @slug)', async () => {
    const vk = (await pk.virtualKeys.create({ name: 'referenced', provider: 'openai', workspace_id: wsA.id })) as unknown as Record<string, string>;
    const reply = await stack.rpc().call<MissingProviderRefsReply>(
      ReferenceSubjects.missingProviderRefs,
      { orgId: stack.orgId, workspaceId: wsA.id, virtualKeys: [vk.slug, vk.id, 'ghost-vk'], providers: [`@${vk.slug}`, 'ghost-provider'] },
      system(),
    );
    expect(reply).toEqual({ virtualKeys: ['ghost-vk'], providers: ['ghost-provider'] });
    // Another workspace does not have it.
    const other = await stack.rpc().call<MissingProviderRefsReply>(ReferenceSubjects.missingProviderRefs, { orgId: stack.orgId, workspaceId: wsB.id, virtualKeys: [vk.slug], providers: [] }, system());
    expect(other.virtualKeys).toEqual([vk.slug]);
    await pk.virtualKeys.delete({ slug: vk.slug });
  });

  it('deleting a virtual key or provider a config names is refused (409 AB07 naming the config)', async () => {
    const vk = (await pk.virtualKeys.create({ name: 'in use', provider: 'openai', workspace_id: wsA.id })) as unknown as Record<string, string>;
    const probe = await stack.rpc().call(ReferenceSubjects.configsUsingProvider, { orgId: stack.orgId, workspaceId: wsA.id, refs: ['probe'] }, system()).then(
      () => 'served',
      (error: { code?: string }) => error.code,
    );
    // Until configs exist on this branch, a stand-in answers for the workspaces service; once
    // they do, a real config targets the key.
    const standIn = probe === 'RPC.NO_RESPONDERS' ? await bootstrapService('workspaces', StandInConfigsModule, { natsUrl: stack.config.natsUrl, logger: false }) : null;
    try {
      if (standIn) usedRefs.add(vk.slug);
      else {
        const config = await http(stack, 'POST', '/configs', { key: stack.adminKey, body: { name: 'uses vk', config: { strategy: { mode: 'single' }, targets: [{ virtual_key: vk.slug }] }, workspace_id: wsA.id } });
        expect(config.status).toBe(200);
      }
      const refused = await http(stack, 'DELETE', `/virtual-keys/${vk.slug}`, { key: stack.adminKey });
      expect(refused.status).toBe(409);
      expect(refused.body.data).toMatchObject({ errorCode: 'AB07', message: expect.stringMatching(/config/) });
      expect((await http(stack, 'GET', `/virtual-keys/${vk.slug}`, { key: stack.adminKey })).status).toBe(200);
      expect((await http(stack, 'DELETE', `/providers/${vk.slug}?workspace_id=${wsA.id}`, { key: stack.adminKey })).status).toBe(409);
    } finally {
      usedRefs.clear();
      await standIn?.close();
    }
  });

  it('members list virtual keys but cannot create, update or delete them', async () => {
    const vk = (await pk.virtualKeys.create({ name: 'Shared', provider: 'openai', key: 'sk-member-test-00001111', workspace_id: wsA.id })) as unknown as Record<string, string>;
    expect((await http(stack, 'GET', '/virtual-keys', { key: memberKey })).status).toBe(200);
    const created = await http(stack, 'POST', '/virtual-keys', { key: memberKey, body: { name: 'mine', provider: 'openai' } });
    expect(created.status).toBe(403);
    expect((await http(stack, 'PUT', `/virtual-keys/${vk.slug}`, { key: memberKey, body: { name: 'renamed' } })).status).toBe(403);
    expect((await http(stack, 'DELETE', `/virtual-keys/${vk.slug}`, { key: memberKey })).status).toBe(403);
    await pk.virtualKeys.delete({ slug: vk.slug });
  });

  it('bad input is 400 AB01 naming the field, never 500, and changes nothing', async () => {
    const before = (await pk.virtualKeys.list({ workspace_id: wsA.id })).total;
    const cases: Array<[string, string, unknown, RegExp]> = [
      ['POST', '/virtual-keys', { name: 'x', provider: 'openai', rate_limits: { type: 'requests', unit: 'rpx', value: 1 } }, /rate_limits\.unit/],
      ['POST', '/virtual-keys', { name: 'x', provider: 'openai', rate_limits: [{ type: 'requests', unit: 'rpm', value: 0 }] }, /rate_limits\.0\.value/],
      ['POST', '/virtual-keys', { name: 'x', provider: 'openai', usage_limits: [{ credit_limit: 1, type: 'cost' }] }, /usage_limits/],
      ['POST', '/virtual-keys', { name: null, provider: 'openai' }, /name/],
      ['POST', '/virtual-keys', { name: 'x', provider: ['openai'] }, /provider/],
      ['POST', '/virtual-keys', { name: 'x', provider: 'openai', deploymentConfig: [{ alias: 'no-version' }] }, /deploymentConfig\.0\.apiVersion/],
      ['POST', '/virtual-keys', { name: 'x', provider: 'openai', expires_at: '2001-01-01T00:00:00Z' }, /expires_at/],
      ['POST', '/providers', { name: 'x', integration_id: 'no-such-integration', workspace_id: wsA.id }, /integration_id/],
      ['POST', '/integrations', { name: 'x', ai_provider_id: 'openai', configurations: ['not', 'an', 'object'] }, /configurations/],
      ['POST', '/integrations', { name: 'x', ai_provider_id: 'openai', secret_mappings: [{ target_field: 'nope', secret_reference_id: 'r' }] }, /target_field/],
      ['GET', '/integrations?type=everything', undefined, /type/],
    ];
    for (const [method, path, body, field] of cases) {
      const result = await http(stack, method, path, { key: stack.adminKey, ...(body !== undefined ? { body } : {}) });
      const what = `${method} ${path} ${JSON.stringify(body)}`;
      expect({ what, status: result.status, code: result.body?.data?.errorCode }).toEqual({ what, status: 400, code: 'AB01' });
      expect(result.body.data.message).toMatch(field);
    }
    expect((await http(stack, 'POST', '/virtual-keys', { key: stack.adminKey, rawBody: '{"name": "x", "key": sk-oops}' })).status).toBe(400);
    expect((await http(stack, 'POST', '/virtual-keys', { key: stack.adminKey, rawBody: '[]' })).status).toBe(400);
    expect((await http(stack, 'POST', '/virtual-keys', { key: stack.adminKey, body: { name: 'x', provider: 'openai', key: 'k'.repeat(1024 * 1024) } })).status).toBe(400);
    expect((await pk.virtualKeys.list({ workspace_id: wsA.id })).total).toBe(before);
  });

  it('a workspace holding virtual keys refuses deletion (409 AB07) unless force_delete, which removes them', async () => {
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'Doomed' } })).body;
    const vk = (await pk.virtualKeys.create({ name: 'doomed', provider: 'openai', key: 'sk-doomed-key-000000', workspace_id: ws.id })) as unknown as Record<string, string>;
    const integration = await pk.integrations.create({ name: 'doomed int', ai_provider_id: 'openai', workspace_id: ws.id });
    const refused = await http(stack, 'DELETE', `/admin/workspaces/${ws.id}`, { key: stack.adminKey, body: { name: 'Doomed' } });
    expect(refused.status).toBe(409);
    expect(refused.body.data.message).toMatch(/virtual keys \/ providers/);
    const forced = await http(stack, 'DELETE', `/admin/workspaces/${ws.id}`, { key: stack.adminKey, body: { name: 'Doomed', force_delete: true } });
    expect(forced.status).toBe(200);
    expect((await http(stack, 'GET', `/virtual-keys/${vk.id}`, { key: stack.adminKey })).status).toBe(404);
    expect((await http(stack, 'GET', `/integrations/${integration.slug}`, { key: stack.adminKey })).status).toBe(404);
  });

  it('concurrent updates of one virtual key both land (as two events), none is lost', async () => {
    const vk = (await pk.virtualKeys.create({ name: 'race', provider: 'openai', workspace_id: wsA.id })) as unknown as Record<string, string>;
    const [a, b] = await Promise.all([
      http(stack, 'PUT', `/virtual-keys/${vk.slug}`, { key: stack.adminKey, body: { note: 'from a' } }),
      http(stack, 'PUT', `/virtual-keys/${vk.slug}`, { key: stack.adminKey, body: { usage_limits: { credit_limit: 7, type: 'cost' } } }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await http(stack, 'GET', `/virtual-keys/${vk.slug}`, { key: stack.adminKey })).body).toMatchObject({ note: 'from a', usage_limits: { credit_limit: 7, type: 'cost' } });
    await pk.virtualKeys.delete({ slug: vk.slug });
  });

  it('every write is audited with its resource type and action; provider secrets never reach request_body', async () => {
    const vk = (await pk.virtualKeys.create({ name: 'audited', provider: 'openai', key: 'sk-audit-me-not-1234567', workspace_id: wsA.id })) as unknown as Record<string, string>;
    await pk.virtualKeys.update({ slug: vk.slug, key: 'sk-audit-me-not-7654321' });
    await pk.virtualKeys.delete({ slug: vk.slug });
    const integration = await pk.integrations.create({ name: 'audited int', ai_provider_id: 'bedrock', configurations: { aws_region: 'eu-west-1', aws_secret_access_key: 'aws-secret-do-not-log' } });
    await pk.integrations.delete({ slug: integration.slug });
    const records = await eventually(
      async () => {
        const page = await http(stack, 'GET', `/audit-logs?start_time=2000-01-01T00:00:00Z&end_time=2100-01-01T00:00:00Z&organisation_id=${stack.orgId}&page_size=100`, { key: stack.adminKey });
        const found = (page.body.records as Array<Record<string, string>>).filter((r) => ['virtual_keys', 'integrations'].includes(r.resource_type!) && r.response_status_code === 200 as never);
        return found.length >= 5 ? found : false;
      },
      { timeoutMs: 10_000 },
    );
    const actions = records.map((r) => `${r.resource_type}:${r.action}`);
    expect(actions).toEqual(expect.arrayContaining(['virtual_keys:create', 'virtual_keys:update', 'virtual_keys:delete', 'integrations:create', 'integrations:delete']));
    const bodies = records.map((r) => r.request_body).join('\n');
    expect(bodies).toContain('[REDACTED]');
    expect(bodies).not.toMatch(/sk-audit-me-not|aws-secret-do-not-log/);
    expect(records.find((r) => r.action === 'create' && r.resource_type === 'virtual_keys')!.resource_id).toBe(vk.id);
  });

  it('property: random JSON in the free-form fields is refused or stored, never a 5xx, and no event has to be parked', async () => {
    const nastyKey = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('a.b', '$x', 'k\u0000', '__proto__', 'metadata', 'key', 'aws_secret_access_key', ''));
    const json: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
      value: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.string({ maxLength: 30 }),
        fc.integer(),
        fc.double(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 3 }),
        fc.dictionary(nastyKey, tie('value'), { maxKeys: 4 }),
      ),
    })).value;
    const deep = fc.integer({ min: 17, max: 400 }).map((depth) => {
      let v: unknown = 'bottom';
      for (let i = 0; i < depth; i++) v = { metadata: v };
      return v;
    });
    const freeForm = fc.oneof(json, deep, fc.dictionary(nastyKey, fc.oneof(json, deep), { maxKeys: 5 }));
    const integration = await pk.integrations.create({ name: 'fuzzed', ai_provider_id: 'openai' });
    await pk.integrations.workspaces.update({ slug: integration.slug, global_workspace_access: { enabled: true }, workspaces: [] });
    const routes: Array<[string, string, (v: unknown) => unknown]> = [
      ['POST', '/virtual-keys', (v) => ({ name: 'fz', provider: 'openai', workspace_id: wsB.id, configurations: v, model_config: v })],
      ['POST', '/virtual-keys', (v) => ({ name: 'fz', provider: 'openai', workspace_id: wsB.id, rate_limits: v, usage_limits: v, deploymentConfig: v, secret_mappings: v })],
      ['POST', '/integrations', (v) => ({ name: 'fz', ai_provider_id: 'openai', configurations: v, secret_mappings: v })],
      ['PUT', `/integrations/${integration.slug}`, (v) => ({ configurations: v, description: v })],
      ['PUT', `/integrations/${integration.slug}/models`, (v) => ({ models: [{ slug: 'm', enabled: true, configurations: v, pricing_config: v }] })],
      ['PUT', `/integrations/${integration.slug}/workspaces`, (v) => ({ workspaces: [{ id: wsB.id, enabled: true, usage_limits: v, rate_limits: v, create_default_provider: false }] })],
      ['POST', '/providers', (v) => ({ name: 'fz', integration_id: integration.slug, workspace_id: wsB.id, model_config: v, rate_limits: v, usage_limits: v })],
    ];
    for (const [method, path, bodyOf] of routes) {
      await fc.assert(
        fc.asyncProperty(freeForm, async (value) => {
          const response = await http(stack, method, path, { key: stack.adminKey, body: bodyOf(value) });
          expect({ method, path, status: response.status < 500, body: JSON.stringify(bodyOf(value)).slice(0, 300) }).toEqual({ method, path, status: true, body: expect.any(String) });
        }),
        { numRuns: 20 },
      );
    }
    const health = await http(stack, 'GET', '/health');
    // Nothing the edge accepted had to be parked.
    expect(health.body.status).toBe('ok');
  }, 300_000);
});
