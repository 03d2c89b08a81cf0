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
const OURS = new Set(['POST /invites/accept', 'GET /health']);
/** Operational routes outside the `/v1` API (not in the document). */
const OPERATIONAL = new Set(['GET /openapi.json', 'GET /docs', 'GET /docs/assets/:file', 'GET /metrics']);

/**
 * Request fields the reference names for each route (its tables, §2.1–2.5 and §2.14), as the
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
};

/** `(METHOD, /path)` pairs of the reference's endpoint tables, path parameters as `{}`. */
function referenceRoutes(): Set<string> {
  const out = new Set<string>();
  for (const line of reference.split('\n')) {
    // Table rows (`| GET / DELETE | `/path` |`) and single routes on a line of their own (`GET /audit-logs`).
    const m = /^\|\s*([A-Z /]+?)\s*\|\s*`([^`]+)`/.exec(line) ?? /^`([A-Z]+) (\/[^`]+)`$/.exec(line.trim());
    if (!m) continue;
    for (const method of m[1]!.split('/').map((s) => s.trim()).filter(Boolean)) out.add(`${method} ${normalise(m[2]!)}`);
  }
  return out;
}

/** Field names of the reference's "X fields:" lines for a resource (backticked lists). */
function referenceFields(label: string): string[] {
  const start = reference.indexOf(`${label} fields`);
  if (start < 0) throw new Error(`the reference has no "${label} fields"`);
  const end = reference.indexOf('\n\n', start);
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
    const built = [...ref].filter((r) => /^\w+ \/(admin\/users|admin\/workspaces|api-keys|audit-logs)/.test(r));
    expect(built.filter((r) => !documented.includes(r))).toEqual([]);
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
