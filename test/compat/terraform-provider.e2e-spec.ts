import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { http } from '../support/clients.js';
import { startStack, type Stack } from '../support/stack.js';
import { resultsFromEvents, skipReason, type GoTestResult } from './go-test-events.js';
import { cacheDir, ensureTestBinary, findExecutable, run } from './provider-binary.js';

/**
 * Portkey's own Terraform provider, unmodified, runs its acceptance suite (`TF_ACC=1`) against
 * this stack. Every test of a resource listed in built-resources.json must pass; the rest are
 * not run. Skipped, with the reason, when `terraform` or `go` is missing.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const PROVIDER_SOURCE = process.env.PORTCULLIS_TF_PROVIDER_SOURCE ?? join(root, '..', 'shared', 'compat', 'terraform-provider-portkey');

interface BuiltList {
  built: Array<{ name: string; kind: string; testPrefix: string }>;
  allowedSkips: Record<string, string>;
  needsUnbuilt: Record<string, { needs: string; outputPattern: string }>;
  providerBugs?: Record<string, { reason: string; outputPattern: string }>;
}
const list = JSON.parse(readFileSync(join(here, 'built-resources.json'), 'utf8')) as BuiltList;

const terraform = findExecutable('terraform', process.env.TF_ACC_TERRAFORM_PATH);
const go = findExecutable('go');
const reason = !terraform
  ? 'no `terraform` CLI on PATH (or TF_ACC_TERRAFORM_PATH)'
  : !go
    ? 'no `go` toolchain on PATH'
    : !safeExists(join(PROVIDER_SOURCE, 'go.mod'))
      ? `the provider source is not at ${PROVIDER_SOURCE} (set PORTCULLIS_TF_PROVIDER_SOURCE)`
      : undefined;

function safeExists(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch {
    return false;
  }
}

const RUN_TIMEOUT_MS = 40 * 60_000;
/** A narrower `-run` regex while working on one resource (`PORTCULLIS_TF_RUN=TestAccAPIKeyResource_with`). */
const narrowed = process.env.PORTCULLIS_TF_RUN;

/** A failure the list expects: the test also needs a resource that is not built, and failed on exactly that. */
function expectedFailure(result: GoTestResult): boolean {
  const entry = list.needsUnbuilt[result.name] ?? list.providerBugs?.[result.name];
  // Terraform wraps its messages: compare with the whitespace collapsed.
  return result.result === 'fail' && !!entry && result.output.replace(/\s+/g, ' ').includes(entry.outputPattern);
}

function expectedBecause(name: string): string {
  const unbuilt = list.needsUnbuilt[name];
  return unbuilt ? `needs ${unbuilt.needs}, not built yet` : `a bug of the provider's own test: ${list.providerBugs?.[name]?.reason}`;
}

if (reason) {
  process.stderr.write(`\n[terraform provider acceptance] SKIPPED: ${reason}\n`);
  describe.skip(`Terraform provider acceptance suite (skipped: ${reason})`, () => {
    it('needs terraform and go', () => undefined);
  });
} else {
  describe('Portkey Terraform provider acceptance suite (TF_ACC) against the gateway', () => {
    let stack: Stack;
    let work: string;
    let results: GoTestResult[] = [];
    let listed: string[] = [];

    beforeAll(async () => {
      stack = await startStack();
      work = mkdtempSync(join(tmpdir(), 'portcullis-tfp-'));
      const copy = join(work, 'provider');
      // The source is read-only reference material: tests run from a copy.
      cpSync(PROVIDER_SOURCE, copy, { recursive: true });
      const { binary, compiled } = await ensureTestBinary(copy, go!);
      process.stderr.write(`[terraform provider acceptance] test binary ${compiled ? 'compiled into' : 'reused from'} ${binary}\n`);
      const ws = await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'tf-acc', description: 'Terraform acceptance' } });
      if (ws.status !== 200) throw new Error(`could not create the test workspace: ${ws.status} ${JSON.stringify(ws.body)}`);
      const data = await seedTestData(stack, ws.body.id);
      const env = { ...providerEnv(stack, ws.body.id, ws.body.slug, terraform!, work), ...data };
      const cwd = join(copy, 'internal', 'provider');
      const pattern = narrowed ?? `^(${list.built.map((b) => b.testPrefix).join('|')})`;
      listed = (await run(binary, ['-test.list', pattern], { cwd, env })).output.split('\n').filter((l) => /^Test\w+$/.test(l));
      const ran = await run(go!, ['tool', 'test2json', '-t', binary, '-test.v=test2json', '-test.run', pattern, '-test.timeout', '35m'], { cwd, env });
      results = resultsFromEvents(ran.output.split('\n'));
      report(results);
    }, RUN_TIMEOUT_MS);

    afterAll(async () => {
      await stack?.stop();
      if (work) rmSync(work, { recursive: true, force: true });
    });

    it('finds acceptance tests for every built resource and data source', () => {
      if (narrowed) return void process.stderr.write(`[terraform provider acceptance] PORTCULLIS_TF_RUN=${narrowed}: not checking coverage\n`);
      const empty = list.built.filter((b) => !listed.some((name) => name.startsWith(b.testPrefix)));
      expect(empty.map((b) => `${b.kind} ${b.name} (${b.testPrefix}*)`)).toEqual([]);
      expect(listed.length).toBeGreaterThan(0);
    });

    it('every listed test ran to a verdict', () => {
      const verdicts = new Map(results.map((r) => [r.name, r.result]));
      expect(listed.filter((name) => !['pass', 'fail', 'skip'].includes(verdicts.get(name) ?? 'incomplete'))).toEqual([]);
    });

    it('passes every acceptance test of the built resources (skips only where the provider always skips)', () => {
      const bad = results
        .filter((r) => (r.result === 'fail' && !expectedFailure(r)) || r.result === 'incomplete' || (r.result === 'skip' && !list.allowedSkips[r.name]))
        .map((r) => `${r.result.toUpperCase()} ${r.name}\n${r.output.split('\n').slice(-40).join('\n')}`);
      expect(bad).toEqual([]);
    });
  });
}

/**
 * The test data the provider's suites read from `TEST_*` (provider_test.go): an organisation
 * integration enabled for the test workspace, a prompt collection and a virtual key in it; and
 * what its list data sources need to find at least one of (a config and a partial elsewhere).
 */
async function seedTestData(stack: Stack, workspaceId: string): Promise<Record<string, string>> {
  const key = stack.adminKey;
  const must = async (what: string, result: Promise<{ status: number; body: any }>) => {
    const r = await result;
    if (r.status !== 200) throw new Error(`could not create ${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const integration = await must('the test integration', http(stack, 'POST', '/integrations', { key, body: { name: 'tf-acc integration', slug: 'tf-acc-openai', ai_provider_id: 'openai', key: 'sk-tf-acc-not-a-real-key-000' } }));
  await must(
    'workspace access for the test integration',
    http(stack, 'PUT', `/integrations/${integration.slug}/workspaces`, { key, body: { workspaces: [{ id: workspaceId, enabled: true }], create_default_provider: false } }),
  );
  const collection = await must('the test collection', http(stack, 'POST', '/collections', { key, body: { name: 'tf-acc collection', workspace_id: workspaceId } }));
  const virtualKey = await must('the test virtual key', http(stack, 'POST', '/virtual-keys', { key, body: { name: 'tf-acc vk', provider: 'openai', key: 'sk-tf-acc-vk-000000000000', workspace_id: workspaceId } }));
  const elsewhere = await must('a second workspace', http(stack, 'POST', '/admin/workspaces', { key, body: { name: 'tf-acc elsewhere' } }));
  await must('a config elsewhere', http(stack, 'POST', '/configs', { key, body: { name: 'tf-acc seed config', config: { retry: { attempts: 1 } }, workspace_id: elsewhere.id } }));
  await must('a partial elsewhere', http(stack, 'POST', '/prompts/partials', { key, body: { name: 'tf-acc seed partial', string: 'Be brief.', workspace_id: elsewhere.id } }));
  return { TEST_INTEGRATION_ID: integration.slug, TEST_COLLECTION_ID: collection.id, TEST_VIRTUAL_KEY: virtualKey.slug };
}

function providerEnv(stack: Stack, workspaceId: string, workspaceSlug: string, terraformPath: string, work: string): NodeJS.ProcessEnv {
  // Nothing from the caller's environment may point the provider elsewhere or add test data.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(PORTKEY_|TEST_|TF_)/.test(name)));
  const home = join(work, 'home');
  mkdirSync(home, { recursive: true });
  return {
    ...inherited,
    HOME: home,
    TF_ACC: '1',
    TF_ACC_TERRAFORM_PATH: terraformPath,
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    PORTKEY_BASE_URL: stack.apiUrl,
    PORTKEY_API_KEY: stack.adminKey,
    PORTKEY_MAX_RETRIES: '0',
    TEST_WORKSPACE_ID: workspaceId,
    TEST_WORKSPACE_SLUG: workspaceSlug,
    // Go keeps its caches where they were (HOME moved).
    GOCACHE: process.env.GOCACHE ?? join(process.env.HOME ?? '', '.cache', 'go-build'),
    GOMODCACHE: process.env.GOMODCACHE ?? join(process.env.HOME ?? '', 'go', 'pkg', 'mod'),
    GOPATH: process.env.GOPATH ?? join(process.env.HOME ?? '', 'go'),
  };
}

/** Prints every test and its verdict, and keeps the table next to the cached binary. */
function report(results: GoTestResult[]): void {
  const lines = results
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((r) => {
      const note = r.result === 'skip' ? ` — ${skipReason(r)}` : expectedFailure(r) ? ` — expected: ${expectedBecause(r.name)}` : '';
      return `${r.result.toUpperCase().padEnd(10)} ${r.name} (${r.seconds.toFixed(1)} s)${note}`;
    });
  const counts = ['pass', 'fail', 'skip', 'incomplete'].map((k) => `${results.filter((r) => r.result === k).length} ${k}`).join(', ');
  const text = `Terraform provider acceptance: ${counts}\n${lines.join('\n')}\n`;
  process.stderr.write(`\n${text}`);
  // Clones share the cache: each keeps its own table (named after a hash of its path).
  const clone = createHash('sha256').update(root).digest('hex').slice(0, 8);
  mkdirSync(cacheDir(), { recursive: true });
  writeFileSync(join(cacheDir(), `last-run-${clone}.txt`), `${root}\n${text}`);
  writeFileSync(join(cacheDir(), `last-run-${clone}.json`), JSON.stringify(results, null, 2));
}
