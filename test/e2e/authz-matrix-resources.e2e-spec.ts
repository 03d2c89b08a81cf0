import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { can, type AuthPrincipal } from '#libs/authz';
import { buildWorld, cellMatches, TARGETS, type Expected, type Target, type Who, type World } from '../support/authz-world.js';
import { http, type HttpResult } from '../support/clients.js';

/**
 * The generated authorisation matrix for the workspace resources (configs, guardrails, the prompt
 * library, virtual keys, providers and organisation integrations): every route × the six kinds of
 * principal × {own workspace, another workspace, another organisation}, expected outcomes from
 * the same tables the policy engine uses.
 *
 * How a route finds its resource decides the shape of its cells:
 * - `workspace`: the workspace is named (`workspace_id` in the query or body): another
 *   organisation's, or another workspace for a workspace key, is refused (403 AB03);
 * - `resource`: found by id or slug within the caller's reach; the permission is checked first
 *   (403), then what lies outside the caller's reach is not found (404), then the policy engine
 *   decides on the resource's own workspace;
 * - `org` / `org-resource`: organisation-level resources;
 * - `integration`: an integration's scope (organisation_ or workspace_integrations) depends on the
 *   integration, so it is looked up first: another organisation's is not found (404), then the
 *   policy engine decides;
 * - `integration-create`: admin keys create organisation integrations, workspace keys create
 *   integrations of their own workspace (`workspace_integrations.create`).
 */
type Locate = 'workspace' | 'resource' | 'org' | 'org-resource' | 'integration' | 'integration-create';

interface Route {
  name: string;
  locate: Locate;
  action: string;
  run(world: World, who: Who, target: Target, fixtures: Fixtures): Promise<HttpResult>;
}

interface Fixtures {
  /** A resource of each kind in each target workspace, made by that organisation's admin key. */
  config: Record<Target, string>;
  guardrail: Record<Target, string>;
  collection: Record<Target, string>;
  prompt: Record<Target, { id: string; versionId: string }>;
  partial: Record<Target, string>;
  label: Record<Target, string>;
  provider: Record<Target, string>;
  virtualKey: Record<Target, string>;
  integration: Record<'own' | 'otherOrg', string>;
  ratePolicy: Record<Target, string>;
  usagePolicy: Record<Target, string>;
}

const ownContext = (a: AuthPrincipal) => ({ orgId: a.orgId, ...(a.workspaceId ? { workspaceId: a.workspaceId } : {}) });

function expected(route: Route, who: Who, target: Target, world: World): Expected {
  const a = who.auth;
  const workspaceKey = a.keyType !== 'organisation-service';
  switch (route.locate) {
    case 'org':
      return can(a, route.action, { orgId: a.orgId }).allow ? 'allow' : 403;
    case 'org-resource':
      if (!can(a, route.action, { orgId: a.orgId }).allow) return 403;
      return target === 'otherOrg' ? 404 : 'allow';
    case 'integration':
      if (target === 'otherOrg') return 404;
      return can(a, route.action, { orgId: a.orgId }).allow ? 'allow' : 403;
    case 'integration-create':
      if (!workspaceKey) return can(a, route.action, { orgId: a.orgId }).allow ? 'allow' : 403;
      return can(a, 'workspace_integrations.create', { orgId: a.orgId, workspaceId: a.workspaceId! }).allow ? 'allow' : 403;
    case 'workspace':
      if (target === 'otherOrg' || (workspaceKey && target !== 'own')) return 403;
      return can(a, route.action, { orgId: world.orgOf(target), workspaceId: world.ws[target] }).allow ? 'allow' : 403;
    case 'resource':
      if (!can(a, route.action, ownContext(a)).allow) return 403;
      if (target === 'otherOrg' || (workspaceKey && target !== 'own')) return 404;
      return can(a, route.action, { orgId: world.orgOf(target), workspaceId: world.ws[target] }).allow ? 'allow' : 403;
  }
}

const rand = () => Math.random().toString(36).slice(2, 8);
const messages = JSON.stringify([{ role: 'user', content: 'Hello {{name}}' }]);

/** What each kind of resource is made of, so destructive cells get a fresh one. */
const make = {
  config: async (w: World, t: Target) =>
    (await http(w.stack, 'POST', '/configs', { key: w.adminKeyFor(t), body: { name: `c-${rand()}`, config: { retry: { attempts: 2 } }, workspace_id: w.ws[t] } })).body.slug as string,
  guardrail: async (w: World, t: Target) =>
    (
      await http(w.stack, 'POST', '/guardrails', {
        key: w.adminKeyFor(t),
        body: { name: `g-${rand()}`, workspace_id: w.ws[t], checks: [{ id: 'default.wordCount', parameters: { minWords: 1, maxWords: 99 } }], actions: { deny: false, async: false } },
      })
    ).body.id as string,
  collection: async (w: World, t: Target) => (await http(w.stack, 'POST', '/collections', { key: w.adminKeyFor(t), body: { name: `co-${rand()}`, workspace_id: w.ws[t] } })).body.id as string,
  prompt: async (w: World, t: Target, collection: string) => {
    const created = (await http(w.stack, 'POST', '/prompts', { key: w.adminKeyFor(t), body: { name: `p-${rand()}`, collection_id: collection, string: messages, parameters: { model: 'gpt-4o' } } })).body;
    return { id: created.id as string, versionId: created.version_id as string };
  },
  partial: async (w: World, t: Target) => (await http(w.stack, 'POST', '/prompts/partials', { key: w.adminKeyFor(t), body: { name: `pl-${rand()}`, string: 'Be brief.', workspace_id: w.ws[t] } })).body.id as string,
  label: async (w: World, t: Target) => (await http(w.stack, 'POST', '/labels', { key: w.adminKeyFor(t), body: { name: `l-${rand()}`, workspace_id: w.ws[t] } })).body.id as string,
  provider: async (w: World, t: Target, integration: string) =>
    (await http(w.stack, 'POST', '/providers', { key: w.adminKeyFor(t), body: { name: `pr-${rand()}`, integration_id: integration, workspace_id: w.ws[t] } })).body.slug as string,
  virtualKey: async (w: World, t: Target) =>
    (await http(w.stack, 'POST', '/virtual-keys', { key: w.adminKeyFor(t), body: { name: `vk-${rand()}`, provider: 'openai', key: `sk-matrix-${rand()}${rand()}`, workspace_id: w.ws[t] } })).body.slug as string,
  integration: async (w: World, t: Target) =>
    (await http(w.stack, 'POST', '/integrations', { key: w.adminKeyFor(t), body: { name: `i-${rand()}`, ai_provider_id: 'openai', key: `sk-int-${rand()}${rand()}` } })).body.slug as string,
};

/** Limit policies (reference §2.15): a rate-limits policy scoped to the target workspace. */
const policyBody = (w: World, t: Target) => ({ workspace_id: w.ws[t], conditions: [{ key: 'workspace_id', value: w.ws[t] }], group_by: [{ key: 'api_key' }], type: 'requests', unit: 'rpm', value: 100 });
const makePolicy = async (w: World, t: Target) => (await http(w.stack, 'POST', '/policies/rate-limits', { key: w.adminKeyFor(t), body: policyBody(w, t) })).body.id as string;

const makeUsagePolicy = async (w: World, t: Target) =>
  (await http(w.stack, 'POST', '/policies/usage-limits', { key: w.adminKeyFor(t), body: { workspace_id: w.ws[t], conditions: [{ key: 'workspace_id', value: w.ws[t] }], group_by: [{ key: 'api_key' }], type: 'cost', credit_limit: 100 } })).body.id as string;

const call = (method: string, path: (w: World, t: Target, f: Fixtures) => string | Promise<string>, body?: (w: World, t: Target) => unknown) =>
  async (w: World, who: Who, t: Target, f: Fixtures) => http(w.stack, method, await path(w, t, f), { key: who.key, ...(body ? { body: body(w, t) } : {}) });

const orgTarget = (t: Target): 'own' | 'otherOrg' => (t === 'otherOrg' ? 'otherOrg' : 'own');

const ROUTES: Route[] = [
  // Configs
  { name: 'POST /configs', locate: 'workspace', action: 'configs.create', run: call('POST', () => '/configs', (w, t) => ({ name: `m-${rand()}`, config: {}, workspace_id: w.ws[t] })) },
  { name: 'GET /configs?workspace_id', locate: 'workspace', action: 'configs.list', run: call('GET', (w, t) => `/configs?workspace_id=${w.ws[t]}`) },
  { name: 'GET /configs/:slug', locate: 'resource', action: 'configs.read', run: call('GET', (_w, t, f) => `/configs/${f.config[t]}`) },
  { name: 'GET /configs/:slug/versions', locate: 'resource', action: 'configs.read', run: call('GET', (_w, t, f) => `/configs/${f.config[t]}/versions`) },
  { name: 'PUT /configs/:slug', locate: 'resource', action: 'configs.update', run: call('PUT', (_w, t, f) => `/configs/${f.config[t]}`, () => ({ config: { retry: { attempts: 1 + Math.floor(Math.random() * 4) } } })) },
  { name: 'DELETE /configs/:slug', locate: 'resource', action: 'configs.delete', run: call('DELETE', async (w, t) => `/configs/${await make.config(w, t)}`) },
  // Guardrails (workspace level)
  {
    name: 'POST /guardrails',
    locate: 'workspace',
    action: 'guardrails.create',
    run: call('POST', () => '/guardrails', (w, t) => ({ name: `m-${rand()}`, workspace_id: w.ws[t], checks: [{ id: 'default.isAllLowerCase' }], actions: { deny: true } })),
  },
  { name: 'GET /guardrails?workspace_id', locate: 'workspace', action: 'guardrails.list', run: call('GET', (w, t) => `/guardrails?workspace_id=${w.ws[t]}`) },
  { name: 'GET /guardrails/:id', locate: 'resource', action: 'guardrails.read', run: call('GET', (_w, t, f) => `/guardrails/${f.guardrail[t]}`) },
  { name: 'PUT /guardrails/:id', locate: 'resource', action: 'guardrails.update', run: call('PUT', (_w, t, f) => `/guardrails/${f.guardrail[t]}`, () => ({ name: `renamed-${rand()}` })) },
  { name: 'DELETE /guardrails/:id', locate: 'resource', action: 'guardrails.delete', run: call('DELETE', async (w, t) => `/guardrails/${await make.guardrail(w, t)}`) },
  // Prompt library
  { name: 'POST /collections', locate: 'workspace', action: 'prompts.create', run: call('POST', () => '/collections', (w, t) => ({ name: `m-${rand()}`, workspace_id: w.ws[t] })) },
  { name: 'GET /collections?workspace_id', locate: 'workspace', action: 'prompts.list', run: call('GET', (w, t) => `/collections?workspace_id=${w.ws[t]}`) },
  { name: 'GET /collections/:id', locate: 'resource', action: 'prompts.read', run: call('GET', (_w, t, f) => `/collections/${f.collection[t]}`) },
  { name: 'PUT /collections/:id', locate: 'resource', action: 'prompts.update', run: call('PUT', (_w, t, f) => `/collections/${f.collection[t]}`, () => ({ name: `renamed-${rand()}` })) },
  { name: 'DELETE /collections/:id', locate: 'resource', action: 'prompts.delete', run: call('DELETE', async (w, t) => `/collections/${await make.collection(w, t)}`) },
  {
    name: 'POST /prompts',
    locate: 'workspace',
    action: 'prompts.create',
    run: async (w, who, t, f) => http(w.stack, 'POST', '/prompts', { key: who.key, body: { name: `m-${rand()}`, collection_id: f.collection[t], workspace_id: w.ws[t], string: messages, parameters: {} } }),
  },
  { name: 'GET /prompts?workspace_id', locate: 'workspace', action: 'prompts.list', run: call('GET', (w, t) => `/prompts?workspace_id=${w.ws[t]}`) },
  { name: 'GET /prompts/:id', locate: 'resource', action: 'prompts.read', run: call('GET', (_w, t, f) => `/prompts/${f.prompt[t].id}`) },
  { name: 'GET /prompts/:id/versions', locate: 'resource', action: 'prompts.read', run: call('GET', (_w, t, f) => `/prompts/${f.prompt[t].id}/versions`) },
  { name: 'GET /prompts/:id/versions/:versionId', locate: 'resource', action: 'prompts.read', run: call('GET', (_w, t, f) => `/prompts/${f.prompt[t].id}/versions/${f.prompt[t].versionId}`) },
  {
    name: 'PUT /prompts/:id',
    locate: 'resource',
    action: 'prompts.update',
    run: call('PUT', (_w, t, f) => `/prompts/${f.prompt[t].id}`, () => ({ patch: true, string: JSON.stringify([{ role: 'user', content: `v ${rand()}` }]) })),
  },
  { name: 'PUT /prompts/:id/versions/:versionId (label)', locate: 'resource', action: 'prompts.update', run: call('PUT', (_w, t, f) => `/prompts/${f.prompt[t].id}/versions/${f.prompt[t].versionId}`, (_w, t) => ({ label_id: null })) },
  { name: 'PUT /prompts/:id/makeDefault', locate: 'resource', action: 'prompts.publish', run: call('PUT', (_w, t, f) => `/prompts/${f.prompt[t].id}/makeDefault`, () => ({ version: 1 })) },
  { name: 'POST /prompts/:id/render', locate: 'resource', action: 'prompts.render', run: call('POST', (_w, t, f) => `/prompts/${f.prompt[t].id}/render`, () => ({ variables: { name: 'Ada' } })) },
  { name: 'DELETE /prompts/:id', locate: 'resource', action: 'prompts.delete', run: call('DELETE', async (w, t, f) => `/prompts/${(await make.prompt(w, t, f.collection[t])).id}`) },
  { name: 'POST /prompts/partials', locate: 'workspace', action: 'prompts.create', run: call('POST', () => '/prompts/partials', (w, t) => ({ name: `m-${rand()}`, string: 'x', workspace_id: w.ws[t] })) },
  { name: 'GET /prompts/partials/:id', locate: 'resource', action: 'prompts.read', run: call('GET', (_w, t, f) => `/prompts/partials/${f.partial[t]}`) },
  { name: 'PUT /prompts/partials/:id', locate: 'resource', action: 'prompts.update', run: call('PUT', (_w, t, f) => `/prompts/partials/${f.partial[t]}`, () => ({ string: `y ${rand()}` })) },
  { name: 'GET /prompts/partials?workspace_id', locate: 'workspace', action: 'prompts.list', run: call('GET', (w, t) => `/prompts/partials?workspace_id=${w.ws[t]}`) },
  { name: 'GET /prompts/partials/:id/versions', locate: 'resource', action: 'prompts.read', run: call('GET', (_w, t, f) => `/prompts/partials/${f.partial[t]}/versions`) },
  { name: 'PUT /prompts/partials/:id/makeDefault', locate: 'resource', action: 'prompts.publish', run: call('PUT', (_w, t, f) => `/prompts/partials/${f.partial[t]}/makeDefault`, () => ({ version: 1 })) },
  { name: 'DELETE /prompts/partials/:id', locate: 'resource', action: 'prompts.delete', run: call('DELETE', async (w, t) => `/prompts/partials/${await make.partial(w, t)}`) },
  { name: 'POST /labels', locate: 'workspace', action: 'prompts.create', run: call('POST', () => '/labels', (w, t) => ({ name: `m-${rand()}`, workspace_id: w.ws[t] })) },
  { name: 'GET /labels?workspace_id', locate: 'workspace', action: 'prompts.list', run: call('GET', (w, t) => `/labels?workspace_id=${w.ws[t]}`) },
  { name: 'GET /labels/:id', locate: 'resource', action: 'prompts.read', run: call('GET', (_w, t, f) => `/labels/${f.label[t]}`) },
  { name: 'PUT /labels/:id', locate: 'resource', action: 'prompts.update', run: call('PUT', (_w, t, f) => `/labels/${f.label[t]}`, () => ({ description: `d ${rand()}` })) },
  { name: 'DELETE /labels/:id', locate: 'resource', action: 'prompts.delete', run: call('DELETE', async (w, t) => `/labels/${await make.label(w, t)}`) },
  // Virtual keys and providers: the workspace is named (query for reads and deletes, body for writes).
  {
    name: 'POST /virtual-keys',
    locate: 'workspace',
    action: 'virtual_keys.create',
    run: call('POST', () => '/virtual-keys', (w, t) => ({ name: `m-${rand()}`, provider: 'openai', key: `sk-m-${rand()}${rand()}`, workspace_id: w.ws[t] })),
  },
  { name: 'GET /virtual-keys?workspace_id', locate: 'workspace', action: 'virtual_keys.list', run: call('GET', (w, t) => `/virtual-keys?workspace_id=${w.ws[t]}`) },
  { name: 'GET /virtual-keys/:slug?workspace_id', locate: 'workspace', action: 'virtual_keys.read', run: call('GET', (w, t, f) => `/virtual-keys/${f.virtualKey[t]}?workspace_id=${w.ws[t]}`) },
  {
    name: 'PUT /virtual-keys/:slug',
    locate: 'workspace',
    action: 'virtual_keys.update',
    run: call('PUT', (_w, t, f) => `/virtual-keys/${f.virtualKey[t]}`, (w, t) => ({ note: `n ${rand()}`, workspace_id: w.ws[t] })),
  },
  { name: 'DELETE /virtual-keys/:slug?workspace_id', locate: 'workspace', action: 'virtual_keys.delete', run: call('DELETE', async (w, t) => `/virtual-keys/${await make.virtualKey(w, t)}?workspace_id=${w.ws[t]}`) },
  {
    name: 'POST /providers',
    locate: 'workspace',
    action: 'providers.create',
    run: call('POST', () => '/providers', (w, t) => ({ name: `m-${rand()}`, integration_id: 'matrix-int-' + orgTarget(t), workspace_id: w.ws[t] })),
  },
  { name: 'GET /providers?workspace_id', locate: 'workspace', action: 'providers.list', run: call('GET', (w, t) => `/providers?workspace_id=${w.ws[t]}`) },
  { name: 'GET /providers/:slug?workspace_id', locate: 'workspace', action: 'providers.read', run: call('GET', (w, t, f) => `/providers/${f.provider[t]}?workspace_id=${w.ws[t]}`) },
  { name: 'PUT /providers/:slug', locate: 'workspace', action: 'providers.update', run: call('PUT', (_w, t, f) => `/providers/${f.provider[t]}`, (w, t) => ({ note: `n ${rand()}`, workspace_id: w.ws[t] })) },
  {
    name: 'DELETE /providers/:slug?workspace_id',
    locate: 'workspace',
    action: 'providers.delete',
    run: call('DELETE', async (w, t) => `/providers/${await make.provider(w, t, `matrix-int-${orgTarget(t)}`)}?workspace_id=${w.ws[t]}`),
  },
  // Organisation integrations
  { name: 'POST /integrations', locate: 'integration-create', action: 'organisation_integrations.create', run: call('POST', () => '/integrations', () => ({ name: `m-${rand()}`, ai_provider_id: 'openai', key: `sk-${rand()}${rand()}` })) },
  { name: 'GET /integrations', locate: 'org', action: 'organisation_integrations.list', run: call('GET', () => '/integrations') },
  { name: 'GET /integrations/:slug', locate: 'integration', action: 'organisation_integrations.read', run: call('GET', (_w, t, f) => `/integrations/${f.integration[orgTarget(t)]}`) },
  { name: 'PUT /integrations/:slug', locate: 'integration', action: 'organisation_integrations.update', run: call('PUT', (_w, t, f) => `/integrations/${f.integration[orgTarget(t)]}`, () => ({ description: `d ${rand()}` })) },
  { name: 'GET /integrations/:slug/models', locate: 'integration', action: 'organisation_integrations.read', run: call('GET', (_w, t, f) => `/integrations/${f.integration[orgTarget(t)]}/models`) },
  { name: 'GET /integrations/:slug/workspaces', locate: 'integration', action: 'organisation_integrations.read', run: call('GET', (_w, t, f) => `/integrations/${f.integration[orgTarget(t)]}/workspaces`) },
  {
    name: 'PUT /integrations/:slug/models',
    locate: 'integration',
    action: 'organisation_integrations.update',
    run: call('PUT', (_w, t, f) => `/integrations/${f.integration[orgTarget(t)]}/models`, () => ({ models: [{ slug: `gpt-${rand()}`, enabled: true }] })),
  },
  { name: 'DELETE /integrations/:slug/models?slugs', locate: 'integration', action: 'organisation_integrations.update', run: call('DELETE', (_w, t, f) => `/integrations/${f.integration[orgTarget(t)]}/models?slugs=gpt-none`) },
  {
    name: 'PUT /integrations/:slug/workspaces',
    locate: 'integration',
    action: 'organisation_integrations.update',
    run: call('PUT', (_w, t, f) => `/integrations/${f.integration[orgTarget(t)]}/workspaces`, (w, t) => ({ workspaces: [{ id: w.ws[t], enabled: true }], create_default_provider: false })),
  },
  // Organisation-level guardrails: admin keys only.
  {
    name: 'POST /guardrails (organisation level)',
    locate: 'org',
    action: 'organisation_guardrails.create',
    run: call('POST', () => '/guardrails', (w) => ({ name: `og-${rand()}`, organisation_id: w.orgA, checks: [{ id: 'default.isAllLowerCase' }], actions: { deny: true } })),
  },
  { name: 'DELETE /integrations/:slug', locate: 'integration', action: 'organisation_integrations.delete', run: call('DELETE', async (w, t) => `/integrations/${await make.integration(w, orgTarget(t))}`) },
  // Limit policies
  { name: 'POST /policies/rate-limits', locate: 'workspace', action: 'policies.create', run: call('POST', () => '/policies/rate-limits', (w, t) => policyBody(w, t)) },
  { name: 'GET /policies/rate-limits?workspace_id', locate: 'workspace', action: 'policies.list', run: call('GET', (w, t) => `/policies/rate-limits?workspace_id=${w.ws[t]}`) },
  { name: 'GET /policies/rate-limits/:id', locate: 'resource', action: 'policies.read', run: call('GET', (_w, t, f) => `/policies/rate-limits/${f.ratePolicy[t]}`) },
  { name: 'PUT /policies/rate-limits/:id', locate: 'resource', action: 'policies.update', run: call('PUT', (_w, t, f) => `/policies/rate-limits/${f.ratePolicy[t]}`, () => ({ value: 1 + Math.floor(Math.random() * 99) })) },
  { name: 'GET /policies/usage-limits/:id', locate: 'resource', action: 'policies.read', run: call('GET', (_w, t, f) => `/policies/usage-limits/${f.usagePolicy[t]}?include_usage=true`) },
  { name: 'GET /policies/usage-limits/:id/entities', locate: 'resource', action: 'policies.read', run: call('GET', (_w, t, f) => `/policies/usage-limits/${f.usagePolicy[t]}/entities`) },
  { name: 'DELETE /policies/rate-limits/:id', locate: 'resource', action: 'policies.delete', run: call('DELETE', async (w, t) => `/policies/rate-limits/${await makePolicy(w, t)}`) },
];

describe('authorisation matrix of the workspace resources: every route × principal × {own workspace, other workspace, other organisation}', () => {
  let world: World;
  let principals: Who[];
  let fixtures: Fixtures;
  const tally = { allow: 0, 403: 0, 404: 0 } as Record<string, number>;

  beforeAll(async () => {
    ({ world, principals } = await buildWorld());
    const per = async <T>(f: (t: Target) => Promise<T>) => Object.fromEntries(await Promise.all(TARGETS.map(async (t) => [t, await f(t)] as const))) as Record<Target, T>;
    const integration = {
      own: await make.integration(world, 'own'),
      otherOrg: await make.integration(world, 'otherOrg'),
    };
    // Providers over a fixed-slug integration of each organisation, enabled for its workspaces.
    for (const t of ['own', 'otherOrg'] as const) {
      const slug = `matrix-int-${t}`;
      await http(world.stack, 'POST', '/integrations', { key: world.adminKeyFor(t), body: { name: slug, slug, ai_provider_id: 'openai', key: `sk-${rand()}${rand()}` } });
      const workspaces = t === 'own' ? [world.ws.own, world.ws.otherWs] : [world.ws.otherOrg];
      await http(world.stack, 'PUT', `/integrations/${slug}/workspaces`, {
        key: world.adminKeyFor(t),
        body: { workspaces: workspaces.map((id) => ({ id, enabled: true })), create_default_provider: false },
      });
    }
    const collection = await per((t) => make.collection(world, t));
    fixtures = {
      config: await per((t) => make.config(world, t)),
      guardrail: await per((t) => make.guardrail(world, t)),
      collection,
      prompt: await per((t) => make.prompt(world, t, collection[t])),
      partial: await per((t) => make.partial(world, t)),
      label: await per((t) => make.label(world, t)),
      provider: await per((t) => make.provider(world, t, `matrix-int-${orgTarget(t)}`)),
      virtualKey: await per((t) => make.virtualKey(world, t)),
      integration,
      ratePolicy: await per((t) => makePolicy(world, t)),
      usagePolicy: await per((t) => makeUsagePolicy(world, t)),
    };
    for (const [kind, values] of Object.entries(fixtures) as Array<[string, Record<string, unknown>]>) {
      for (const [t, v] of Object.entries(values)) if (!v || (typeof v === 'object' && !(v as { id?: string }).id)) throw new Error(`fixture ${kind} × ${t} was not created`);
    }
  }, 180_000);

  afterAll(async () => {
    await world?.stack.stop();
  });

  for (const route of ROUTES) {
    it(route.name, async () => {
      const mismatches: string[] = [];
      let cells = 0;
      for (const who of principals) {
        const targets = route.locate === 'org' || route.locate === 'integration-create' ? (['own'] as Target[]) : TARGETS;
        for (const target of targets) {
          const want = expected(route, who, target, world);
          const got = await route.run(world, who, target, fixtures);
          cells++;
          tally[String(want)]!++;
          if (!cellMatches(want, got)) mismatches.push(`${who.name} × ${target}: expected ${want}, got ${got.status} ${JSON.stringify(got.body).slice(0, 200)}`);
        }
      }
      expect(mismatches).toEqual([]);
      expect(cells).toBeGreaterThan(0);
    }, 120_000);
  }

  it('the matrix is not vacuous: allowed, refused and hidden cells all occur', () => {
    expect(tally.allow).toBeGreaterThan(150);
    expect(tally[403]).toBeGreaterThan(150);
    expect(tally[404]).toBeGreaterThan(50);
  });
});
