import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import openapiTS from 'openapi-typescript';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { http } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const reference = readFileSync(join(root, '..', 'shared', 'reference', 'portkey-admin-api.md'), 'utf8');

/** Routes that are ours, not Portkey's (documented, but absent from the reference). */
const OURS = new Set([
  'POST /invites/accept',
  'GET /health',
  // A guardrail's versions, as configs and prompts have them; the reference has no such route.
  'GET /guardrails/{}/versions',
  // The data plane's OpenAI-compatible routes (issue 11): the admin reference does not list them.
  'POST /chat/completions',
  'POST /completions',
  'POST /embeddings',
  // The signed download URL of a log export (what `GET /logs/exports/{id}/download` answers).
  'GET /logs/exports/{}/file',
]);
// §2.13 analytics: its table lists paths without methods (all GET), in both spellings (the SDK's
// hyphenated ones and the spec's), plus our `groups/members`.
for (const path of [
  'graphs/requests',
  'graphs/cost',
  'graphs/latency',
  'graphs/tokens',
  'graphs/users',
  'graphs/users-requests',
  'graphs/users/requests',
  'graphs/errors',
  'graphs/errors-rate',
  'graphs/errors/rate',
  'graphs/errors-stack',
  'graphs/errors/stacks',
  'graphs/errors-status-code',
  'graphs/errors/status-codes',
  'graphs/requests-rescued',
  'graphs/requests/rescued',
  'graphs/cache-hit-rate',
  'graphs/cache/hit-rate',
  'graphs/cache-latency',
  'graphs/cache/latency',
  'graphs/feedbacks',
  'graphs/feedbacks/score',
  'graphs/feedbacks/scores',
  'graphs/feedbacks/weighted',
  'graphs/feedbacks/ai-models',
  'summary/cache',
  'groups/users',
  'groups/ai-models',
  'groups/workspaces',
  'groups/members',
  'groups/metadata/{}',
  'groups/{}',
]) OURS.add(`GET /analytics/${path}`);
/**
 * Reference routes of the built areas that are not served yet: prompt completions are
 * data-plane (the reference's `POST /prompts/{id}/completions`, beside `render`).
 */
const NOT_YET = new Set(['POST /prompts/{}/completions']);
// A usage policy's per-value usage lives in the gateways' KV counters, not in a read model yet.
NOT_YET.add('GET /policies/usage-limits/{}/entities');
NOT_YET.add('PUT /policies/usage-limits/{}/entities/{}/reset');
/** Operational routes outside the `/v1` API (not in the document). */
const OPERATIONAL = new Set(['GET /openapi.json', 'GET /docs', 'GET /docs/assets/:file', 'GET /metrics']);

/**
 * Request fields the reference names for each route (its tables, §2.1–2.10 and §2.14), as the
 * document must call them. Each name is also checked to occur in the reference's text.
 */
const REQUEST_FIELDS: Record<string, { query?: string[]; body?: string[] }> = {
  'GET /admin/users': { query: ['pageSize', 'currentPage', 'role', 'email'] },
  'PUT /admin/users/{}': { body: ['role'] },
  'POST /admin/users/invites': { body: ['email', 'role', 'workspaces', 'workspace_api_key_details'] },
  'GET /admin/users/invites': { query: ['pageSize', 'currentPage', 'role', 'email', 'status'] },
  'POST /admin/workspaces': { body: ['name', 'description', 'icon', 'defaults', 'users', 'usage_limits', 'rate_limits'] },
  'GET /admin/workspaces': { query: ['page_size', 'current_page', 'name', 'exact_name', 'status'] },
  'PUT /admin/workspaces/{}': { body: ['name', 'description', 'icon', 'defaults', 'usage_limits', 'rate_limits'] },
  'DELETE /admin/workspaces/{}': { body: ['name', 'force_delete'] },
  'POST /admin/workspaces/{}/users': { body: ['users'] },
  'GET /admin/workspaces/{}/users': { query: ['current_page', 'page_size', 'role', 'email'] },
  'PUT /admin/workspaces/{}/users/{}': { body: ['role'] },
  'POST /api-keys/{}/{}': {
    body: ['name', 'scopes', 'description', 'workspace_id', 'user_id', 'organisation_id', 'rate_limits', 'usage_limits', 'defaults', 'alert_emails', 'expires_at', 'rotation_policy'],
  },
  'GET /api-keys': { query: ['page_size', 'current_page', 'workspace_id'] },
  'PUT /api-keys/{}': { body: ['name', 'scopes', 'description', 'rate_limits', 'usage_limits', 'defaults', 'alert_emails', 'expires_at', 'rotation_policy', 'reset_usage'] },
  'POST /api-keys/{}/rotate': { body: ['key_transition_period_ms'] },
  'GET /audit-logs': {
    query: ['start_time', 'end_time', 'organisation_id', 'method', 'uri', 'request_id', 'user_id', 'user_type', 'workspace_id', 'response_status_code', 'resource_type', 'action', 'client_ip', 'country', 'current_page', 'page_size'],
  },
  // §2.6 Virtual keys.
  'GET /virtual-keys': { query: ['current_page', 'page_size', 'workspace_id'] },
  'POST /virtual-keys': {
    body: ['name', 'provider', 'key', 'note', 'apiVersion', 'resourceName', 'deploymentName', 'deploymentConfig', 'workspace_id', 'usage_limits', 'rate_limits', 'expires_at', 'secret_mappings'],
  },
  'PUT /virtual-keys/{}': { body: ['name', 'key', 'note', 'deploymentConfig', 'usage_limits', 'rate_limits', 'secret_mappings'] },
  // §2.7 Providers and integrations.
  'GET /providers': { query: ['current_page', 'page_size', 'workspace_id'] },
  'POST /providers': { body: ['name', 'integration_id', 'workspace_id', 'slug', 'note', 'usage_limits', 'rate_limits', 'expires_at', 'model_config'] },
  'GET /providers/{}': { query: ['workspace_id'] },
  'PUT /providers/{}': { query: ['workspace_id'], body: ['name', 'note', 'usage_limits', 'rate_limits', 'expires_at', 'reset_usage', 'workspace_id'] },
  'DELETE /providers/{}': { query: ['workspace_id'] },
  'GET /integrations': { query: ['current_page', 'page_size', 'workspace_id', 'type'] },
  'POST /integrations': { body: ['name', 'slug', 'ai_provider_id', 'key', 'description', 'workspace_id', 'configurations', 'secret_mappings'] },
  'PUT /integrations/{}': { body: ['name', 'key', 'description', 'configurations', 'secret_mappings'] },
  'PUT /integrations/{}/models': { body: ['models', 'allow_all_models'] },
  'DELETE /integrations/{}/models': { query: ['slugs'] },
  'PUT /integrations/{}/workspaces': { body: ['workspaces', 'global_workspace_access', 'override_existing_workspace_access', 'create_default_provider', 'default_provider_slug'] },
  // §2.8 Configs (the SDK sends `is_default`, Terraform `isDefault`).
  'GET /configs': { query: ['workspace_id', 'current_page', 'page_size'] },
  'POST /configs': { body: ['name', 'config', 'isDefault', 'is_default', 'workspace_id'] },
  'PUT /configs/{}': { body: ['name', 'config', 'status'] },
  // §2.9 Prompts, partials, collections, labels.
  'POST /prompts': { body: ['name', 'collection_id', 'string', 'parameters', 'virtual_key', 'model', 'functions', 'tools', 'tool_choice', 'version_description', 'template_metadata'] },
  'GET /prompts': { query: ['collection_id', 'workspace_id', 'current_page', 'page_size', 'search'] },
  'GET /prompts/{}': { query: ['version'] },
  'PUT /prompts/{}': {
    body: ['string', 'parameters', 'model', 'virtual_key', 'functions', 'tools', 'tool_choice', 'version_description', 'template_metadata', 'name', 'collection_id', 'is_raw_template', 'prompt_metadata', 'patch'],
  },
  'PUT /prompts/{}/versions/{}': { body: ['label_id'] },
  'PUT /prompts/{}/makeDefault': { body: ['version'] },
  'POST /prompts/{}/render': { body: ['variables', 'stream'] },
  'POST /prompts/partials': { body: ['name', 'string', 'workspace_id', 'version_description'] },
  'GET /prompts/partials': { query: ['collection_id', 'workspace_id'] },
  'GET /prompts/partials/{}': { query: ['version'] },
  'PUT /prompts/partials/{}': { body: ['name', 'string', 'description', 'status'] },
  'PUT /prompts/partials/{}/makeDefault': { body: ['version'] },
  'POST /collections': { body: ['name', 'workspace_id', 'parent_collection_id'] },
  'GET /collections': { query: ['workspace_id', 'current_page', 'page_size', 'search'] },
  'PUT /collections/{}': { body: ['name'] },
  'POST /labels': { body: ['name', 'organisation_id', 'workspace_id', 'description', 'color_code'] },
  'GET /labels': { query: ['organisation_id', 'workspace_id', 'search', 'current_page', 'page_size'] },
  'PUT /labels/{}': { body: ['name', 'description', 'color_code'] },
  // §2.15 Policies.
  'POST /policies/usage-limits': { body: ['conditions', 'group_by', 'type', 'credit_limit', 'name', 'alert_threshold', 'periodic_reset', 'workspace_id', 'organisation_id'] },
  'GET /policies/usage-limits': { query: ['workspace_id', 'status', 'type', 'page_size', 'current_page'] },
  'PUT /policies/usage-limits/{}': { body: ['name', 'credit_limit', 'alert_threshold', 'periodic_reset', 'reset_usage_for_value'] },
  'POST /policies/rate-limits': { body: ['conditions', 'group_by', 'type', 'unit', 'value', 'name', 'workspace_id', 'organisation_id'] },
  'GET /policies/rate-limits': { query: ['workspace_id', 'status', 'type', 'unit', 'page_size', 'current_page'] },
  'PUT /policies/rate-limits/{}': { body: ['name', 'unit', 'value'] },
  // §2.10 Guardrails.
  'POST /guardrails': { body: ['name', 'checks', 'actions', 'workspace_id', 'organisation_id'] },
  'GET /guardrails': { query: ['workspace_id', 'organisation_id', 'page_size', 'current_page'] },
  'PUT /guardrails/{}': { body: ['name', 'checks', 'actions'] },
};

/**
 * `(METHOD, /path)` pairs of the reference's endpoint tables, path parameters as `{}`. A row may
 * name several methods and several paths: as many of each pair them in order
 * (`| GET / PUT | `/a`, `/b` |` is `GET /a` and `PUT /b`); otherwise every method goes with every
 * path (`| GET / DELETE | `/a` |`, `| POST | `/a`, `/b` |`). A path written `…/x` is the one before
 * it with its last segment replaced (`/logs/exports/{id}/start`, `…/cancel`).
 */
function referenceRoutes(text: string = reference): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    // Table rows (`| GET / DELETE | `/path` |`, the path cell a comma list of backticked paths) and
    // single routes on a line of their own (`GET /audit-logs`).
    const row = /^\|\s*([A-Z /]+?)\s*\|\s*(`\/[^`]+`(?:\s*,\s*`[^`]+`)*)\s*\|/.exec(line);
    const single = row ? null : /^`([A-Z]+) (\/[^`]+)`$/.exec(line.trim());
    if (!row && !single) continue;
    const methods = (row ?? single)![1]!.split('/').map((s) => s.trim()).filter(Boolean);
    const paths = row ? [...row[2]!.matchAll(/`([^`]+)`/g)].map((p) => p[1]!) : [single![2]!];
    for (let i = 1; i < paths.length; i++) if (paths[i]!.startsWith('…/')) paths[i] = paths[i - 1]!.replace(/\/[^/]*$/, paths[i]!.slice(1));
    if (methods.length > 1 && paths.length > 1 && methods.length === paths.length) {
      methods.forEach((method, i) => out.add(`${method} ${normalise(paths[i]!)}`));
    } else {
      for (const method of methods) for (const path of paths) out.add(`${method} ${normalise(path)}`);
    }
  }
  return out;
}

/**
 * Field names of the reference's "X fields:" lines for a resource (backticked lists): the block up
 * to the next blank line, or with `oneLine` only its own line (bullets of one list).
 */
function referenceFields(label: string, oneLine = false): string[] {
  const start = reference.indexOf(`${label} fields`);
  if (start < 0) throw new Error(`the reference has no "${label} fields"`);
  const end = reference.indexOf(oneLine ? '\n' : '\n\n', start);
  const text = reference.slice(start, end < 0 ? undefined : end);
  const names = new Set<string>();
  for (const [, segment] of text.matchAll(/`([^`]+)`/g)) {
    const flat = segment!.replace(/\{[^{}]*\}/g, '').replace(/\([^)]*\)/g, '').replace(/:"[^"]*"/g, '');
    for (const token of flat.split(/[,\s]+/)) {
      const name = token.replace(/\[\]$/, '').replace(/\|null$/, '');
      if (/^[a-z][a-z0-9_]*$/.test(name)) names.add(name);
    }
  }
  // A parse that found next to nothing would make the check below vacuous.
  if (names.size < 8) throw new Error(`only ${names.size} field names parsed for "${label}"`);
  return [...names];
}

const normalise = (path: string) => path.replace(/\?.*$/, '').replace(/\{[^}]+\}|:[A-Za-z0-9_]+/g, '{}');

describe("the reference's route tables", () => {
  it('pair several methods with as many paths in order, and otherwise give every method every path', () => {
    const rows = [
      '| GET / DELETE | `/admin/users/invites/{inviteId}` | – | Invite / `{}` |',
      '| GET / PUT | `/prompts/partials/{id}/versions`, `/prompts/partials/{id}/makeDefault` | `{version}` | … |',
      '| POST | `/prompts/{id}/render`, `/prompts/{id}/completions` | `{variables{}}` | data-plane |',
      '| POST | `/logs/exports/{id}/start`, `…/cancel` | – | `{message}` |',
      '| GET / PUT / DELETE | `/guardrails/{uuid\\|slug}` | PUT `name, checks, actions` | … |',
      '| GET | `/providers` | `current_page, page_size` | list |',
      '| SCIM | `page` (0-based) | `{mappings[]}` |',
      '`GET /audit-logs`',
    ].join('\n');
    expect([...referenceRoutes(rows)].sort()).toEqual(
      [
        'GET /admin/users/invites/{}',
        'DELETE /admin/users/invites/{}',
        'GET /prompts/partials/{}/versions',
        'PUT /prompts/partials/{}/makeDefault',
        'POST /prompts/{}/render',
        'POST /prompts/{}/completions',
        'POST /logs/exports/{}/start',
        'POST /logs/exports/{}/cancel',
        'GET /guardrails/{}',
        'PUT /guardrails/{}',
        'DELETE /guardrails/{}',
        'GET /providers',
        'GET /audit-logs',
      ].sort(),
    );
  });
});

describe('OpenAPI document (/openapi.json) and /docs', () => {
  let stack: Stack;
  let doc: any;
  beforeAll(async () => {
    stack = await startStack();
    doc = (await http(stack, 'GET', '/openapi.json', { apiUrl: stack.baseUrl })).body;
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it('is a valid OpenAPI 3.x document', async () => {
    expect(doc.openapi).toMatch(/^3\./);
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeTruthy();
  });

  it('describes every route the gateway serves, and serves nothing undescribed', () => {
    const served = stack.servedRoutes().map((r) => `${r.method} ${r.url}`);
    const documented = new Set(Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} /v1${path}`)));
    const missing = served.filter((r) => !OPERATIONAL.has(r) && !documented.has(r.replace(/:([A-Za-z0-9_]+)/g, '{$1}')));
    expect(missing).toEqual([]);
    // And nothing documented that is not served.
    expect(served.filter((r) => r.split(' ')[1]!.startsWith('/v1/')).length).toBe(documented.size);
  });

  it("uses the reference's paths and methods: every documented route is Portkey's or declared ours", () => {
    const ref = referenceRoutes();
    const documented = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${normalise(path)}`));
    expect(documented.filter((r) => !ref.has(r) && !OURS.has(r))).toEqual([]);
    // And every reference route of the areas built so far is served.
    const built = [...ref].filter((r) => /^\w+ \/(admin\/users|admin\/workspaces|api-keys|audit-logs|virtual-keys|providers|integrations|configs|prompts|collections|labels|guardrails|policies)(\/|$)/.test(r));
    expect(built.filter((r) => !documented.includes(r) && !NOT_YET.has(r))).toEqual([]);
  });

  it("names request fields as the reference does, and every operation declares scopes and the error envelope", () => {
    const problems: string[] = [];
    for (const [route, fields] of Object.entries(REQUEST_FIELDS)) {
      const [method, path] = route.split(' ') as [string, string];
      const entry = Object.entries(doc.paths as Record<string, Record<string, any>>).find(([p]) => normalise(p) === path);
      const op = entry?.[1][method.toLowerCase()];
      if (!op) {
        problems.push(`${route}: not documented`);
        continue;
      }
      const queryNames = (op.parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name);
      for (const name of fields.query ?? []) if (!queryNames.includes(name)) problems.push(`${route}: no query parameter ${name}`);
      const bodyRef: string | undefined = op.requestBody?.content?.['application/json']?.schema?.$ref;
      const bodyProps = bodyRef ? Object.keys(doc.components.schemas[bodyRef.split('/').pop()!].properties ?? {}) : [];
      for (const name of fields.body ?? []) if (!bodyProps.includes(name)) problems.push(`${route}: no body field ${name}`);
      for (const name of [...(fields.query ?? []), ...(fields.body ?? [])]) if (!reference.includes(name)) problems.push(`${route}: ${name} is not the reference's`);
    }
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const isPublic = Array.isArray(op.security) && op.security.length === 0;
        if (!isPublic && !(op['x-portkey-scopes']?.length > 0)) problems.push(`${method} ${path}: no scopes`);
        if (!op.responses['400'] || !op.responses['404']) problems.push(`${method} ${path}: no error responses`);
      }
    }
    expect(problems).toEqual([]);
    expect(doc.components.responses.E403.content['application/json'].schema.$ref).toBe('#/components/schemas/PortkeyError');
  });

  it("response schemas carry the reference's field names", () => {
    const problems: string[] = [];
    for (const [label, schema] of [['User', 'User'], ['Invite', 'Invite'], ['Member', 'Member'], ['Workspace', 'Workspace']] as const) {
      const props = Object.keys(doc.components.schemas[schema].properties);
      for (const name of referenceFields(label)) if (!props.includes(name)) problems.push(`${schema}: no ${name}`);
    }
    const keyProps = Object.keys(doc.components.schemas.ApiKey.properties);
    for (const name of referenceFields('**ApiKey')) if (!keyProps.includes(name)) problems.push(`ApiKey: no ${name}`);
    const record = Object.keys(doc.components.schemas.AuditRecord.properties);
    for (const name of referenceFields('Record')) if (!record.includes(name)) problems.push(`AuditRecord: no ${name}`);
    for (const [label, schema, oneLine] of [['VK', 'VirtualKey', false], ['Provider', 'Provider', true], ['Integration', 'Integration', true], ['GET `/prompts/{id}`', 'Prompt', true]] as const) {
      const props = Object.keys(doc.components.schemas[schema].properties);
      for (const name of referenceFields(label, oneLine)) if (!props.includes(name)) problems.push(`${schema}: no ${name}`);
    }
    expect(problems).toEqual([]);
  });

  it('serves a browsable /docs page on the document, with its assets, without an API key', async () => {
    const page = await fetch(`${stack.baseUrl}/docs`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/openapi.json');
    const bundle = await fetch(`${stack.baseUrl}/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    expect((await bundle.text()).length).toBeGreaterThan(100_000);
    expect((await fetch(`${stack.baseUrl}/docs/assets/..%2Fpackage.json`)).status).toBe(404);
  });

  it('an openapi-typescript client compiled against a small script creates a workspace and a key (and catches a misspelt field)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-openapi-'));
    try {
      writeFileSync(join(dir, 'schema.ts'), await openapiTS(structuredClone(doc)));
      writeFileSync(join(dir, 'client.ts'), CLIENT);
      writeFileSync(join(dir, 'misspelt.ts'), MISSPELT);
      const tsconfig = (files: string[]) => ({
        compilerOptions: { strict: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', outDir: 'out', types: ['node'], typeRoots: [join(root, 'node_modules', '@types')], skipLibCheck: true },
        files,
      });
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig(['schema.ts', 'client.ts'])));
      writeFileSync(join(dir, 'tsconfig.bad.json'), JSON.stringify(tsconfig(['schema.ts', 'misspelt.ts'])));
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const good = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
      expect(good.output).toBe('');
      expect(good.code).toBe(0);
      const bad = await run(process.execPath, [tsc, '-p', 'tsconfig.bad.json', '--noEmit'], dir);
      expect(bad.code).not.toBe(0);
      expect(bad.output).toContain('nmae');
      const ran = await run(process.execPath, [join(dir, 'out', 'client.js')], dir, { API_URL: stack.apiUrl, API_KEY: stack.adminKey });
      expect(ran.code).toBe(0);
      const made = JSON.parse(ran.output.trim()) as { workspaceId: string; keyId: string; keyLength: number };
      expect((await http(stack, 'GET', `/admin/workspaces/${made.workspaceId}`, { key: stack.adminKey })).body.name).toBe('Typed client');
      expect((await http(stack, 'GET', `/api-keys/${made.keyId}`, { key: stack.adminKey })).body.workspace_id).toBe(made.workspaceId);
      expect(made.keyLength).toBeGreaterThan(40);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

const CLIENT = `import type { paths } from './schema.js';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type CreateWorkspace = Json<NonNullable<paths['/admin/workspaces']['post']['requestBody']>>;
type Workspace = Json<paths['/admin/workspaces']['post']['responses']['200']>;
type CreateKey = Json<NonNullable<paths['/api-keys/{type}/{subType}']['post']['requestBody']>>;
type CreatedKey = Json<paths['/api-keys/{type}/{subType}']['post']['responses']['200']>;

async function call<T>(method: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(process.env.API_URL + path, {
    method,
    headers: { 'content-type': 'application/json', 'x-portkey-api-key': process.env.API_KEY! },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(method + ' ' + path + ' → ' + response.status + ' ' + (await response.text()));
  return (await response.json()) as T;
}

const workspace = await call<Workspace>('POST', '/admin/workspaces', { name: 'Typed client', description: 'made from the OpenAPI types' } satisfies CreateWorkspace);
const key = await call<CreatedKey>('POST', '/api-keys/workspace/service', { name: 'typed', scopes: ['workspaces.read'], workspace_id: workspace.id } satisfies CreateKey);
console.log(JSON.stringify({ workspaceId: workspace.id, keyId: key.id, keyLength: key.key.length }));
`;

const MISSPELT = `import type { paths } from './schema.js';
type CreateWorkspace = NonNullable<paths['/admin/workspaces']['post']['requestBody']>['content']['application/json'];
export const body = { nmae: 'typo' } satisfies CreateWorkspace;
`;

function run(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code: code ?? 1, output }));
  });
}
