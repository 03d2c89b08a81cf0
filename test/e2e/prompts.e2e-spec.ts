import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Portkey } from 'portkey-ai';
import { ReferenceSubjects, type RefUsersReply } from '#libs/contracts';
import { portcullis } from '../support/cli.js';
import { http, inviteAndAccept, sdk, sdkError } from '../support/clients.js';
import { eventually } from '#libs/testing';
import { startStack, type Stack } from '../support/stack.js';

/**
 * The prompt library through the official SDK (and raw HTTP where it has no method): collections,
 * prompts with immutable versions, publishing, partials, labels and rendering, from an admin key
 * naming `workspace_id` and from workspace keys, with Terraform's wire shapes.
 */

const PROMPT_SCOPES = ['prompts.create', 'prompts.read', 'prompts.update', 'prompts.delete', 'prompts.list', 'prompts.publish', 'prompts.render'];
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const window = () => `start_time=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}&end_time=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`;
const messages = (text: string) => JSON.stringify([{ role: 'system', content: 'You are {{persona}}.' }, { role: 'user', content: text }]);

interface Space {
  id: string;
  slug: string;
  key: string;
  pk: Portkey;
  defaultCollection: string;
}

describe.each(['memory', 'mongo'] as const)('prompts, versions, partials, collections and labels (%s query engine)', (engine) => {
  let stack: Stack;
  let admin: Portkey;
  let a: Space;
  let b: Space;

  async function space(name: string): Promise<Space> {
    const ws = await admin.admin.workspaces.create({ name });
    const key = await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: `${name} svc`, scopes: PROMPT_SCOPES, workspace_id: ws.id } });
    expect(key.status).toBe(200);
    const collections = await http(stack, 'GET', `/collections?workspace_id=${ws.id}`, { key: stack.adminKey });
    const def = collections.body.data.find((c: { is_default: number }) => c.is_default === 1);
    return { id: ws.id!, slug: ws.slug!, key: key.body.key, pk: sdk(stack, key.body.key), defaultCollection: def.id };
  }

  beforeAll(async () => {
    stack = await startStack({ queryEngine: engine });
    admin = sdk(stack, stack.adminKey);
    a = await space('Prompts A');
    b = await space('Prompts B');
  }, 60_000);
  afterAll(async () => {
    await stack?.stop();
  });

  describe('collections', () => {
    it('every workspace has exactly one default collection, which cannot be deleted (404)', async () => {
      const listed = await admin.collections.list({ workspace_id: a.id });
      const defaults = listed.data.filter((c: { is_default: number }) => c.is_default === 1);
      expect(defaults).toHaveLength(1);
      expect(defaults[0]).toMatchObject({ id: a.defaultCollection, workspace_id: a.id, status: 'active', parent_collection_id: null, collection_details: { child_collections_count: 0 } });
      expect(defaults[0].slug).toMatch(/^co-/);
      // Listing again (or from the workspace's own key) makes no second one.
      expect((await a.pk.collections.list()).data.filter((c: { is_default: number }) => c.is_default === 1).map((c: { id: string }) => c.id)).toEqual([a.defaultCollection]);
      expect(await sdkError(admin.collections.delete(a.defaultCollection))).toMatchObject({ status: 404, error: { data: { errorCode: 'AB08' } } });
    });

    it('create → get → list immediately, nested collections and their counts, rename, delete', async () => {
      const parent = await admin.collections.create({ name: 'Support bots', workspace_id: a.slug });
      expect(parent).toMatchObject({ id: expect.any(String), slug: expect.stringMatching(/^co-support-bots-[0-9a-f]{6}$/) });
      const child = await admin.collections.create({ name: 'Tier 2', workspace_id: a.id, parent_collection_id: parent.id });
      const got = await admin.collections.retrieve(parent.id);
      expect(got).toMatchObject({ id: parent.id, name: 'Support bots', workspace_id: a.id, is_default: 0, status: 'active', collection_details: { child_collections_count: 1, prompts_count: 0 } });
      expect(got.created_at).toMatch(RFC3339);
      expect(got.child_collections.map((c: { id: string }) => c.id)).toEqual([child.id]);
      expect((await admin.collections.retrieve(child.slug)).parent_collection_id).toBe(parent.id);
      expect((await admin.collections.list({ workspace_id: a.id, search: 'SUPPORT' })).data.map((c: { id: string }) => c.id)).toEqual([parent.id]);
      await admin.collections.update(parent.id, { name: 'Support' });
      expect((await admin.collections.retrieve(parent.slug)).name).toBe('Support');
      // A collection that holds something stays.
      expect(await sdkError(admin.collections.delete(parent.id))).toMatchObject({ status: 409, error: { data: { errorCode: 'AB07' } } });
      await admin.collections.delete(child.id);
      await admin.collections.delete(parent.id);
      expect(await sdkError(admin.collections.retrieve(parent.id))).toMatchObject({ status: 404, error: { data: { errorCode: 'AB08' } } });
    });

    it('a parent in another workspace, or one that does not exist, is a 400 naming parent_collection_id', async () => {
      const theirs = await b.pk.collections.create({ name: 'B only' });
      const refused = await http(stack, 'POST', '/collections', { key: stack.adminKey, body: { name: 'x', workspace_id: a.id, parent_collection_id: theirs.id } });
      expect(refused).toMatchObject({ status: 400, body: { success: false, data: { errorCode: 'AB01', message: expect.stringContaining('parent_collection_id') } } });
    });

    it('workspace keys see only their own workspace\'s collections; naming another workspace is 403', async () => {
      const mine = await a.pk.collections.create({ name: 'Mine' });
      expect((await a.pk.collections.retrieve(mine.id)).workspace_id).toBe(a.id);
      expect(await sdkError(b.pk.collections.retrieve(mine.id))).toMatchObject({ status: 404 });
      expect(await sdkError(b.pk.collections.update(mine.id, { name: 'pwned' }))).toMatchObject({ status: 404 });
      expect((await b.pk.collections.list()).data.map((c: { id: string }) => c.id)).not.toContain(mine.id);
      expect(await sdkError(b.pk.collections.list({ workspace_id: a.id }))).toMatchObject({ status: 403, error: { data: { errorCode: 'AB03' } } });
      expect(await sdkError(b.pk.collections.create({ name: 'sneaky', workspace_id: a.id }))).toMatchObject({ status: 403 });
    });

    it('an admin key naming no workspace lists the whole organisation (Terraform\'s "all" data sources)', async () => {
      const listed = await http(stack, 'GET', '/collections', { key: stack.adminKey });
      expect(listed.status).toBe(200);
      const workspaces = new Set(listed.body.data.map((c: { workspace_id: string }) => c.workspace_id));
      expect([a.id, b.id, stack.defaultWorkspaceId].every((w) => workspaces.has(w))).toBe(true);
      expect(listed.body.data.filter((c: { is_default: number }) => c.is_default === 1).length).toBeGreaterThanOrEqual(3);
      const partial = await b.pk.prompts.partials.create({ name: 'Listed everywhere', string: 'p' });
      // Another principal's write: lists promise read-your-writes to the writer, others catch up.
      await eventually(async () => expect((await http(stack, 'GET', '/prompts/partials', { key: stack.adminKey })).body.data.map((p: { id: string }) => p.id)).toContain(partial.id));
      expect((await http(stack, 'GET', '/prompts/partials', { key: a.key })).body.data.map((p: { id: string }) => p.id)).not.toContain(partial.id);
    });
  });

  describe('prompts and versions', () => {
    it('create → get (id and slug) → list immediately, in Terraform\'s shapes', async () => {
      for (let i = 0; i < 5; i++) {
        const created = await admin.prompts.create({ name: `tf-prompt-${i}`, collection_id: a.defaultCollection, string: 'Hello {{name}}', parameters: {}, model: 'gpt-4o' });
        expect(created).toMatchObject({ id: expect.any(String), slug: expect.stringMatching(/^pp-tf-prompt-\d-[0-9a-f]{6}$/), version_id: expect.any(String), object: 'prompt' });
        const got = await admin.prompts.retrieve(created.slug);
        expect(got).toMatchObject({
          id: created.id,
          slug: created.slug,
          name: `tf-prompt-${i}`,
          collection_id: a.defaultCollection,
          workspace_id: a.id,
          string: 'Hello {{name}}',
          parameters: {},
          model: 'gpt-4o',
          is_raw_template: 0,
          status: 'active',
          prompt_version: 1,
          prompt_version_id: created.version_id,
          prompt_version_status: 'active',
        });
        expect(got.created_at).toMatch(RFC3339);
        expect(got.last_updated_at).toMatch(RFC3339);
        expect((await admin.prompts.retrieve(created.id)).slug).toBe(created.slug);
        const listed = await admin.prompts.list({ collection_id: a.defaultCollection, search: `tf-prompt-${i}` });
        expect(listed.data.map((p: { id: string }) => p.id)).toEqual([created.id]);
        expect(listed.data[0]).toMatchObject({ slug: created.slug, model: 'gpt-4o', status: 'active', object: 'prompt' });
      }
      expect((await admin.prompts.list({ workspace_id: a.id })).total).toBeGreaterThanOrEqual(5);
      expect((await admin.collections.retrieve(a.defaultCollection)).collection_details.prompts_count).toBeGreaterThanOrEqual(5);
    });

    it('versions are immutable: an update makes a new version and ?version=N answers exactly what it did before', async () => {
      const created = await admin.prompts.create({ name: 'Greeter', collection_id: a.defaultCollection, string: messages('Hi {{name}}'), parameters: { temperature: 0.2 }, model: 'gpt-4o', version_description: 'first' });
      const v1 = await http(stack, 'GET', `/prompts/${created.slug}?version=1`, { key: stack.adminKey });
      expect(v1.status).toBe(200);
      expect(v1.body).toMatchObject({ prompt_version: 1, prompt_version_description: 'first', string: messages('Hi {{name}}') });

      // A rename (what Terraform sends: parameters null) makes no version.
      const renamed = await http(stack, 'PUT', `/prompts/${created.slug}`, { key: stack.adminKey, body: { name: 'Greeter v1', parameters: null } });
      expect(renamed).toMatchObject({ status: 200, body: { id: created.id, slug: created.slug, prompt_version_id: created.version_id } });
      const v1Renamed = await http(stack, 'GET', `/prompts/${created.slug}?version=1`, { key: stack.adminKey });
      expect({ ...v1Renamed.body, name: 'Greeter' }).toEqual(v1.body);

      // Terraform's version update: string, model, parameters, is_raw_template, virtual_key… then makeDefault.
      const updated = await admin.prompts.update(created.slug, { string: messages('Hello {{name}}'), parameters: { temperature: 0.5 }, model: 'gpt-4o-mini', version_description: 'second' });
      expect(updated.prompt_version_id).not.toBe(created.version_id);
      const v1After = await http(stack, 'GET', `/prompts/${created.slug}?version=1`, { key: stack.adminKey });
      expect(v1After.body).toEqual(v1Renamed.body);
      // Until published, reads serve version 1.
      expect((await admin.prompts.retrieve(created.slug)).prompt_version).toBe(1);
      const versions = await admin.prompts.versions.list(created.slug);
      expect(versions.data.map((v: { prompt_version: number }) => v.prompt_version)).toEqual([2, 1]);
      expect(versions.data[0]).toMatchObject({ id: updated.prompt_version_id, prompt_id: created.id, prompt_template: messages('Hello {{name}}'), prompt_description: 'second', is_published: 0 });
      await admin.prompts.publish(created.slug, { version: 2 });
      const published = await admin.prompts.retrieve(created.slug);
      expect(published).toMatchObject({ prompt_version: 2, prompt_version_id: updated.prompt_version_id, model: 'gpt-4o-mini', parameters: { temperature: 0.5 } });
      expect((await http(stack, 'GET', `/prompts/${created.slug}?version=1`, { key: stack.adminKey })).body).toEqual(v1Renamed.body);
      const v2 = await admin.prompts.versions.retrieve(created.slug, updated.prompt_version_id);
      expect(v2).toMatchObject({ prompt_version: 2, string: messages('Hello {{name}}') });
      expect((await http(stack, 'GET', `/prompts/${created.id}/versions/2`, { key: stack.adminKey })).body).toEqual(JSON.parse(JSON.stringify(v2)));
    });

    it('patch: true copies what it leaves out from the latest version; without it a template is required', async () => {
      const created = await admin.prompts.create({ name: 'Patchy', collection_id: a.defaultCollection, string: 'Tell me about {{topic}}', parameters: { max_tokens: 50 }, model: 'gpt-4o', tools: [{ type: 'function', function: { name: 'search' } }] });
      const patched = await http(stack, 'PUT', `/prompts/${created.id}`, { key: stack.adminKey, body: { model: 'gpt-4.1', patch: true } });
      expect(patched.status).toBe(200);
      const v2 = await http(stack, 'GET', `/prompts/${created.id}?version=2`, { key: stack.adminKey });
      expect(v2.body).toMatchObject({ string: 'Tell me about {{topic}}', parameters: { max_tokens: 50 }, model: 'gpt-4.1', tools: [{ type: 'function', function: { name: 'search' } }] });
      const refused = await http(stack, 'PUT', `/prompts/${created.id}`, { key: stack.adminKey, body: { model: 'gpt-5' } });
      expect(refused).toMatchObject({ status: 400, body: { data: { errorCode: 'AB01', message: expect.stringMatching(/^string: /) } } });
      expect((await admin.prompts.versions.list(created.id)).data).toHaveLength(2);
      // The same content again makes no version.
      const same = await http(stack, 'PUT', `/prompts/${created.id}`, { key: stack.adminKey, body: { model: 'gpt-4.1', patch: true } });
      expect(same.body.prompt_version).toBe(2);
    });

    it('free-form fields keep exactly what was sent, whatever keys they hold (tool schemas with metadata objects, dots, $, NUL)', async () => {
      const tools = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { metadata: { type: 'object', properties: { tags: { type: 'array' } } } } } } }];
      const parameters = { temperature: 0.1, metadata: { nested: { deep: true } }, 'a.b': 1, $where: 'x', 'nul\u0000key': 2 };
      const template_metadata = { source: { kind: 'import', 'v.1': [1, 2] } };
      const created = await a.pk.prompts.create({ name: 'Free form', collection_id: a.defaultCollection, string: 'Use the tool', parameters, tools, tool_choice: { type: 'function', function: { name: 'lookup' } }, template_metadata });
      const got = await a.pk.prompts.retrieve(created.id);
      expect({ parameters: got.parameters, tools: got.tools, tool_choice: got.tool_choice, template_metadata: got.template_metadata }).toEqual({
        parameters,
        tools,
        tool_choice: { type: 'function', function: { name: 'lookup' } },
        template_metadata,
      });
      const rendered = await a.pk.prompts.render({ promptID: created.id, variables: {} });
      expect(rendered.data).toMatchObject({ prompt: 'Use the tool', tools, metadata: { nested: { deep: true } }, 'nul\u0000key': 2 });
    });

    it('concurrent updates of one prompt all land as versions (or get 409), never a lost update', async () => {
      const created = await admin.prompts.create({ name: 'Racy', collection_id: a.defaultCollection, string: 'v1', parameters: {} });
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => http(stack, 'PUT', `/prompts/${created.id}`, { key: stack.adminKey, body: { string: `concurrent ${i}`, parameters: {} } })),
      );
      expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
      const ok = results.filter((r) => r.status === 200);
      const versions = (await admin.prompts.versions.list(created.id)).data as Array<{ id: string; prompt_version: number; prompt_template: string }>;
      expect(versions).toHaveLength(1 + ok.length);
      expect(new Set(ok.map((r) => r.body.prompt_version_id)).size).toBe(ok.length);
      expect(versions.map((v) => v.prompt_version)).toEqual(Array.from({ length: versions.length }, (_, i) => versions.length - i));
      for (const r of ok) expect(versions.find((v) => v.id === r.body.prompt_version_id)).toBeDefined();
      expect(new Set(versions.map((v) => v.prompt_template)).size).toBe(versions.length);
    });

    it('publishing an unknown version is a 400 naming version; deleting removes the prompt and its versions', async () => {
      const created = await admin.prompts.create({ name: 'Doomed', collection_id: a.defaultCollection, string: 'x', parameters: {} });
      expect(await sdkError(admin.prompts.publish(created.id, { version: 9 }))).toMatchObject({ status: 400, error: { data: { errorCode: 'AB01', message: expect.stringMatching(/^version: /) } } });
      await admin.prompts.delete(created.id);
      expect(await sdkError(admin.prompts.retrieve(created.id))).toMatchObject({ status: 404, error: { data: { errorCode: 'AB08' } } });
      expect(await sdkError(admin.prompts.versions.list(created.slug))).toMatchObject({ status: 404 });
      expect((await http(stack, 'GET', `/prompts/${created.id}?version=1`, { key: stack.adminKey })).status).toBe(404);
    });

    it('a workspace key works in its own workspace only; B never sees A\'s prompts', async () => {
      const created = await a.pk.prompts.create({ name: 'A private', collection_id: a.defaultCollection, string: 'secret {{x}}', parameters: {} });
      expect((await a.pk.prompts.retrieve(created.slug)).workspace_id).toBe(a.id);
      expect((await a.pk.prompts.list()).data.map((p: { id: string }) => p.id)).toContain(created.id);
      expect(await sdkError(b.pk.prompts.retrieve(created.slug))).toMatchObject({ status: 404 });
      expect(await sdkError(b.pk.prompts.update(created.slug, { name: 'pwned' }))).toMatchObject({ status: 404 });
      expect(await sdkError(b.pk.prompts.delete(created.id))).toMatchObject({ status: 404 });
      expect(await sdkError(b.pk.prompts.publish(created.id, { version: 1 }))).toMatchObject({ status: 404 });
      expect((await b.pk.prompts.list()).data.map((p: { id: string }) => p.id)).not.toContain(created.id);
      expect(await sdkError(b.pk.prompts.list({ collection_id: a.defaultCollection }))).toMatchObject({ status: 400 });
      expect(await sdkError(b.pk.prompts.create({ name: 'into A', collection_id: a.defaultCollection, string: 'x', parameters: {} }))).toMatchObject({ status: 400 });
      expect(await sdkError(b.pk.prompts.list({ workspace_id: a.id }))).toMatchObject({ status: 403, error: { data: { errorCode: 'AB03' } } });
      const other = await stack.createOrganisation('Prompt Rivals', `boss-${engine}@rivals.example`);
      expect(await sdkError(sdk(stack, other.adminKey).prompts.retrieve(created.id))).toMatchObject({ status: 404 });
      expect(await sdkError(sdk(stack, other.adminKey).collections.retrieve(a.defaultCollection))).toMatchObject({ status: 404 });
      expect((await sdk(stack, other.adminKey).prompts.list()).data).toEqual([]);
    });
  });

  describe('rendering', () => {
    it('substitutes variables and published partials into the messages and returns the request body', async () => {
      const partial = await a.pk.prompts.partials.create({ name: 'House rules', string: 'Answer in {{language}}.' });
      const created = await a.pk.prompts.create({
        name: 'Support',
        collection_id: a.defaultCollection,
        string: JSON.stringify([{ role: 'system', content: `You are {{persona}}. {{>${partial.slug}}}` }, { role: 'user', content: '{{question}}' }]),
        parameters: { temperature: 0.3, max_tokens: 200 },
        model: 'gpt-4o',
      });
      const rendered = await a.pk.prompts.render({ promptID: created.id, variables: { persona: 'a "helpful" bot', language: 'French', question: 'Où est la gare ?' }, max_tokens: 99 });
      expect(rendered.success).toBe(true);
      expect(rendered.data).toEqual({
        messages: [
          { role: 'system', content: 'You are a "helpful" bot. Answer in French.' },
          { role: 'user', content: 'Où est la gare ?' },
        ],
        model: 'gpt-4o',
        temperature: 0.3,
        max_tokens: 99,
      });
      // A new partial version renders only once it is published.
      await a.pk.prompts.partials.update(partial.slug, { string: 'Answer in {{language}}, briefly.' });
      const vars = { persona: 'p', language: 'German', question: 'q' };
      expect((await a.pk.prompts.render({ promptID: created.slug, variables: vars })).data.messages![0]!.content).toBe('You are p. Answer in German.');
      await a.pk.prompts.partials.publish(partial.slug, { version: 2 });
      expect((await a.pk.prompts.render({ promptID: created.slug, variables: vars })).data.messages![0]!.content).toBe('You are p. Answer in German, briefly.');
    });

    it('raw templates render to prompt; a missing variable is 400 AB01 naming variables.<name>', async () => {
      const created = await a.pk.prompts.create({ name: 'Raw', collection_id: a.defaultCollection, string: 'Summarise {{doc}} in {{words}} words', parameters: {}, model: 'gpt-4o' });
      expect((await a.pk.prompts.render({ promptID: created.id, variables: { doc: 'this', words: 10 } })).data).toEqual({ prompt: 'Summarise this in 10 words', model: 'gpt-4o' });
      const missing = await http(stack, 'POST', `/prompts/${created.id}/render`, { key: a.key, body: { variables: { doc: 'this' } } });
      expect(missing).toMatchObject({ status: 400, body: { success: false, data: { errorCode: 'AB01', message: expect.stringMatching(/^variables\.words: /) } } });
      const wrongType = await http(stack, 'POST', `/prompts/${created.id}/render`, { key: a.key, body: { variables: ['doc'] } });
      expect(wrongType).toMatchObject({ status: 400, body: { data: { errorCode: 'AB01', message: expect.stringContaining('variables') } } });
    });

    it('render is for workspace keys: an admin key gets 403; another workspace\'s prompt is 404', async () => {
      const created = await a.pk.prompts.create({ name: 'Guarded', collection_id: a.defaultCollection, string: 'hi', parameters: {} });
      expect(await sdkError(admin.prompts.render({ promptID: created.id, variables: {} }))).toMatchObject({ status: 403, error: { data: { errorCode: 'AB03' } } });
      expect(await sdkError(b.pk.prompts.render({ promptID: created.id, variables: {} }))).toMatchObject({ status: 404 });
    });
  });

  describe('partials', () => {
    it('create (admin key with workspace_id) → get → list, versions, makeDefault, ?version=N unchanged, delete', async () => {
      const created = await admin.prompts.partials.create({ name: 'Signature', string: 'Regards, {{team}}', workspace_id: a.id, version_description: 'v1' });
      expect(created).toMatchObject({ id: expect.any(String), slug: expect.any(String), version_id: expect.any(String) });
      const got = await admin.prompts.partials.retrieve(created.slug);
      expect(got).toMatchObject({ id: created.id, name: 'Signature', string: 'Regards, {{team}}', version: 1, prompt_partial_version_id: created.version_id, status: 'active', collection_id: a.defaultCollection });
      expect(got.created_at).toMatch(RFC3339);
      expect((await admin.prompts.partials.list({ collection_id: a.defaultCollection })).data.map((p: { id: string }) => p.id)).toContain(created.id);
      expect((await http(stack, 'GET', `/prompts/partials?workspace_id=${a.id}`, { key: stack.adminKey })).body.data.map((p: { id: string }) => p.id)).toContain(created.id);
      const v1 = await http(stack, 'GET', `/prompts/partials/${created.slug}?version=1`, { key: stack.adminKey });
      // A rename keeps the version; a new template makes one (not yet published).
      expect((await http(stack, 'PUT', `/prompts/partials/${created.slug}`, { key: stack.adminKey, body: { name: 'Sign-off' } })).body.version).toBe(1);
      const updated = await admin.prompts.partials.update(created.slug, { string: 'Best, {{team}}', description: 'warmer' });
      expect(updated.prompt_partial_version_id).not.toBe(created.version_id);
      const versions = await admin.prompts.partials.versions.list(created.slug);
      expect(versions.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
      expect(versions.data[0]).toMatchObject({ prompt_partial_version_id: updated.prompt_partial_version_id, string: 'Best, {{team}}', version_description: 'warmer' });
      expect((await admin.prompts.partials.retrieve(created.slug)).version).toBe(1);
      await admin.prompts.partials.publish(created.slug, { version: 2 });
      expect((await admin.prompts.partials.retrieve(created.id)).string).toBe('Best, {{team}}');
      const v1After = await http(stack, 'GET', `/prompts/partials/${created.slug}?version=1`, { key: stack.adminKey });
      expect({ ...v1After.body, name: 'Signature' }).toEqual(v1.body);
      await admin.prompts.partials.delete(created.slug);
      const gone = await http(stack, 'GET', `/prompts/partials/${created.slug}`, { key: stack.adminKey });
      expect(gone.status).toBe(404);
      expect(JSON.stringify(gone.body)).toContain('not found');
    });

    it('workspace B sees none of A\'s partials', async () => {
      const created = await a.pk.prompts.partials.create({ name: 'A only', string: 'x' });
      expect(await sdkError(b.pk.prompts.partials.retrieve(created.id))).toMatchObject({ status: 404 });
      expect((await b.pk.prompts.partials.list()).data.map((p: { id: string }) => p.id)).not.toContain(created.id);
    });
  });

  describe('labels', () => {
    it('organisation and workspace labels; a label marks one version per prompt; in use it cannot be deleted', async () => {
      const org = await admin.labels.create({ name: 'production', color_code: '#00aa00', description: 'live' });
      const ws = await a.pk.labels.create({ name: 'staging' });
      expect(await admin.labels.retrieve(org.id)).toMatchObject({ id: org.id, name: 'production', color_code: '#00aa00', workspace_id: null, is_universal: true, organisation_id: stack.orgId });
      expect(await a.pk.labels.retrieve(ws.id)).toMatchObject({ workspace_id: a.id, is_universal: false });
      // The organisation label is another principal's write for the workspace keys: they catch up.
      await eventually(async () => expect((await a.pk.labels.list()).data.map((l: { id: string }) => l.id).sort()).toEqual([org.id, ws.id].sort()));
      await eventually(async () => expect((await b.pk.labels.list()).data.map((l: { id: string }) => l.id)).toEqual([org.id]));
      expect(await sdkError(b.pk.labels.retrieve(ws.id))).toMatchObject({ status: 404 });
      expect(await sdkError(a.pk.labels.update(org.id, { name: 'prod' }))).toMatchObject({ status: 403 });
      await admin.labels.update(org.id, { name: 'prod' });
      await eventually(async () => expect((await a.pk.labels.retrieve(org.id)).name).toBe('prod'));

      const prompt = await a.pk.prompts.create({ name: 'Labelled', collection_id: a.defaultCollection, string: 'one', parameters: {} });
      const v2 = await a.pk.prompts.update(prompt.id, { string: 'two', parameters: {} });
      await a.pk.prompts.versions.update(prompt.id, prompt.version_id, { label_id: org.id });
      expect((await a.pk.prompts.versions.retrieve(prompt.id, prompt.version_id)).prompt_version_label_id).toBe(org.id);
      await a.pk.prompts.versions.update(prompt.id, v2.prompt_version_id, { label_id: org.id });
      const labels = (await a.pk.prompts.versions.list(prompt.id)).data.map((v: { prompt_version: number; label_id: string | null }) => [v.prompt_version, v.label_id]);
      expect(labels).toEqual([
        [2, org.id],
        [1, null],
      ]);
      const foreign = await b.pk.labels.create({ name: 'b-only' });
      expect(await sdkError(a.pk.prompts.versions.update(prompt.id, v2.prompt_version_id, { label_id: foreign.id }))).toMatchObject({ status: 400, error: { data: { message: expect.stringMatching(/^label_id: /) } } });
      expect(await sdkError(admin.labels.delete(org.id))).toMatchObject({ status: 409, error: { data: { errorCode: 'AB07' } } });
      await http(stack, 'PUT', `/prompts/${prompt.id}/versions/${v2.prompt_version_id}`, { key: a.key, body: { label_id: null } });
      await admin.labels.delete(org.id);
      expect(await sdkError(admin.labels.retrieve(org.id))).toMatchObject({ status: 404 });
      await a.pk.labels.delete(ws.id);
    });
  });

  describe('bad input is 400 AB01 naming the field, and changes nothing', () => {
    it('invalid JSON, wrong types, arrays, null, unknown enum values, 1 MB bodies', async () => {
      const before = (await admin.prompts.list({ workspace_id: a.id })).total;
      const post = (body: unknown, raw?: string) => http(stack, 'POST', '/prompts', { key: stack.adminKey, ...(raw !== undefined ? { rawBody: raw } : { body }) });
      const base = { name: 'bad', collection_id: a.defaultCollection, string: 'x', parameters: {} };
      const cases: Array<[string, Promise<{ status: number; body: any }>, string | null]> = [
        ['invalid JSON', post(undefined, '{"name": "bad",'), null],
        ['array body', post(undefined, '[1,2]'), null],
        ['null body', post(undefined, 'null'), null],
        ['missing name', post({ ...base, name: undefined }), 'name'],
        ['name of wrong type', post({ ...base, name: 42 }), 'name'],
        ['string of wrong type', post({ ...base, string: { nested: true } }), 'string'],
        ['parameters as an array', post({ ...base, parameters: [1, 2] }), 'parameters'],
        ['tools as an object', post({ ...base, tools: { a: 1 } }), 'tools'],
        ['tool_choice as an array', post({ ...base, tool_choice: ['auto'] }), 'tool_choice'],
        ['unknown is_raw_template', post({ ...base, is_raw_template: 2 }), 'is_raw_template'],
        ['collection that does not exist', post({ ...base, collection_id: 'no-such-collection' }), 'collection_id'],
        ['1 MB template', post({ ...base, string: 'x'.repeat(1024 * 1024) }), null],
        ['template over its bound', post({ ...base, string: 'x'.repeat(70_000) }), 'string'],
        ['deeply nested parameters', post({ ...base, parameters: JSON.parse('{"a":'.repeat(40) + '1' + '}'.repeat(40)) }), 'parameters'],
      ];
      for (const [what, promise, field] of cases) {
        const result = await promise;
        expect([what, result.status, result.body?.data?.errorCode]).toEqual([what, 400, 'AB01']);
        if (field) expect([what, result.body.data.message]).toEqual([what, expect.stringContaining(field)]);
      }
      const prompt = await admin.prompts.create(base);
      const put = (body: unknown) => http(stack, 'PUT', `/prompts/${prompt.id}`, { key: stack.adminKey, body });
      for (const [body, field] of [
        [{ patch: 'yes' }, 'patch'],
        [{ name: '' }, 'name'],
        [{ functions: 'f' }, 'functions'],
        [{ template_metadata: [1] }, 'template_metadata'],
      ] as const) {
        const result = await put(body);
        expect([field, result.status, result.body.data.errorCode, result.body.data.message]).toEqual([field, 400, 'AB01', expect.stringContaining(field)]);
      }
      expect((await http(stack, 'PUT', `/prompts/${prompt.id}/makeDefault`, { key: stack.adminKey, body: { version: 'latest' } })).status).toBe(400);
      expect((await http(stack, 'GET', `/prompts/${prompt.id}?version=abc`, { key: stack.adminKey })).status).toBe(400);
      expect((await http(stack, 'PUT', `/prompts/partials/x`, { key: stack.adminKey, body: { status: 'deleted' } })).body.data.message).toContain('status');
      expect((await http(stack, 'POST', '/labels', { key: stack.adminKey, body: { name: 'c', color_code: 'green' } })).body.data.message).toContain('color_code');
      expect((await admin.prompts.list({ workspace_id: a.id })).total).toBe(before + 1);
      expect((await admin.prompts.versions.list(prompt.id)).data).toHaveLength(1);
    });
  });

  describe('role table and audit', () => {
    it('members list, view, create and update prompts but cannot delete or publish them', async () => {
      const member = await inviteAndAccept(stack, stack.adminKey, { email: 'prompt-member@example.com', role: 'member', workspaces: [{ id: a.id, role: 'member' }], scopes: PROMPT_SCOPES });
      const pk = sdk(stack, member.api_keys[0]!.key);
      const created = await pk.prompts.create({ name: 'Member made', collection_id: a.defaultCollection, string: 'x', parameters: {} });
      expect((await pk.prompts.retrieve(created.id)).name).toBe('Member made');
      expect((await pk.prompts.list()).data.map((p: { id: string }) => p.id)).toContain(created.id);
      await pk.prompts.update(created.id, { string: 'y', parameters: {} });
      expect(await sdkError(pk.prompts.publish(created.id, { version: 2 }))).toMatchObject({ status: 403, error: { data: { errorCode: 'AB03' } } });
      expect(await sdkError(pk.prompts.delete(created.id))).toMatchObject({ status: 403 });
      expect(await sdkError(pk.prompts.partials.publish('any', { version: 1 }))).toMatchObject({ status: 403 });
      expect((await pk.prompts.render({ promptID: created.id, variables: {} })).data).toEqual({ prompt: 'x' });
      expect((await admin.prompts.retrieve(created.id)).prompt_version).toBe(1);
    });

    it('every write is audited with its resource type and action; bodies appear in request_body', async () => {
      const collection = await admin.collections.create({ name: 'Audited', workspace_id: a.id });
      const prompt = await admin.prompts.create({ name: 'Audited prompt', collection_id: collection.id, string: 'hello {{x}}', parameters: {}, workspace_id: a.id } as never);
      await admin.prompts.update(prompt.id, { string: 'bye {{x}}', parameters: {} });
      await admin.prompts.publish(prompt.slug, { version: 2 });
      const partial = await admin.prompts.partials.create({ name: 'Audited partial', string: 'p', workspace_id: a.id });
      await admin.prompts.partials.publish(partial.id, { version: 1 });
      const label = await admin.labels.create({ name: 'audited', workspace_id: a.id });
      await admin.labels.update(label.id, { description: 'd' });
      await admin.labels.delete(label.id);
      await admin.prompts.partials.delete(partial.id);
      await admin.prompts.delete(prompt.id);
      await admin.collections.delete(collection.id);
      const listed = await http(stack, 'GET', `/audit-logs?${window()}&workspace_id=${a.id}&page_size=100`, { key: stack.adminKey });
      const ours = (listed.body.records as Array<Record<string, any>>)
        .filter((r) => [collection.id, prompt.id, partial.id, label.id].includes(r.resource_id))
        .reverse()
        .map((r) => [r.resource_type, r.action, r.resource_id, r.response_status_code]);
      expect(ours).toEqual([
        ['collections', 'create', collection.id, 200],
        ['prompts', 'create', prompt.id, 200],
        ['prompts', 'update', prompt.id, 200],
        ['prompts', 'publish', prompt.id, 200],
        ['prompt_partials', 'create', partial.id, 200],
        ['labels', 'create', label.id, 200],
        ['labels', 'update', label.id, 200],
        ['labels', 'delete', label.id, 200],
        ['prompt_partials', 'delete', partial.id, 200],
        ['prompts', 'delete', prompt.id, 200],
        ['collections', 'delete', collection.id, 200],
      ]);
      const update = (listed.body.records as Array<Record<string, any>>).find((r) => r.resource_id === prompt.id && r.action === 'update')!;
      expect(JSON.parse(update.request_body)).toMatchObject({ string: 'bye {{x}}', parameters: {} });
      expect(update.workspace_id).toBe(a.id);
    });
  });

  describe('workspace deletion', () => {
    it('a workspace holding prompts refuses deletion (409 AB07) unless forced; its default collection never blocks it', async () => {
      const empty = await admin.admin.workspaces.create({ name: 'Only default' });
      await admin.collections.list({ workspace_id: empty.id });
      await admin.admin.workspaces.delete({ workspaceId: empty.id, name: 'Only default' });

      const full = await space('Full of prompts');
      const prompt = await full.pk.prompts.create({ name: 'Kept', collection_id: full.defaultCollection, string: 'x', parameters: {} });
      await full.pk.prompts.partials.create({ name: 'Part', string: 'y' });
      await full.pk.labels.create({ name: 'l' });
      const extra = await full.pk.collections.create({ name: 'Extra' });
      const refused = await http(stack, 'DELETE', `/admin/workspaces/${full.id}`, { key: stack.adminKey, body: { name: 'Full of prompts' } });
      expect(refused).toMatchObject({ status: 409, body: { data: { errorCode: 'AB07', message: expect.stringContaining('prompts') } } });
      expect((await admin.prompts.retrieve(prompt.id)).name).toBe('Kept');
      const forced = await http(stack, 'DELETE', `/admin/workspaces/${full.id}`, { key: stack.adminKey, body: { name: 'Full of prompts', force_delete: true } });
      expect(forced.status).toBe(200);
      expect(await sdkError(admin.prompts.retrieve(prompt.id))).toMatchObject({ status: 404 });
      expect(await sdkError(admin.collections.retrieve(extra.id))).toMatchObject({ status: 404 });
      expect(await sdkError(admin.collections.retrieve(full.defaultCollection))).toMatchObject({ status: 404 });
    });
  });

  describe('virtual keys named by prompts', () => {
    it('a prompt may name only a virtual key that exists; the keys side learns which prompts use one', async () => {
      const vk = await http(stack, 'POST', '/virtual-keys', { key: stack.adminKey, body: { name: 'prompt vk', provider: 'openai', key: 'sk-test-not-a-real-key', workspace_id: a.id } });
      if (vk.status === 404) {
        console.log('skipped: POST /v1/virtual-keys answers 404 on this build (the keys side is not merged), so virtual-key existence cannot be exercised');
        // Nobody answers the existence question yet: a prompt naming a key is refused (503), not stored unchecked.
        const unchecked = await http(stack, 'POST', '/prompts', { key: a.key, body: { name: 'Unchecked VK', collection_id: a.defaultCollection, string: 'x', parameters: {}, virtual_key: 'vk-x' } });
        expect(unchecked.status).toBe(503);
        expect((await a.pk.prompts.list({ search: 'Unchecked VK' })).total).toBe(0);
        return;
      }
      expect(vk.status).toBe(200);
      const slug: string = vk.body.slug ?? vk.body.data?.slug;
      const created = await a.pk.prompts.create({ name: 'With VK', collection_id: a.defaultCollection, string: 'x', parameters: {}, virtual_key: slug });
      expect((await a.pk.prompts.retrieve(created.id)).virtual_key).toBe(slug);
      const missing = await http(stack, 'POST', '/prompts', { key: a.key, body: { name: 'Bad VK', collection_id: a.defaultCollection, string: 'x', parameters: {}, virtual_key: 'no-such-vk' } });
      expect(missing).toMatchObject({ status: 400, body: { data: { errorCode: 'AB01', message: expect.stringMatching(/^virtual_key: /) } } });
      const users = await stack.rpc().call<RefUsersReply>(ReferenceSubjects.promptsUsingProvider, { orgId: stack.orgId, workspaceId: a.id, refs: [slug] }, { requestId: 't', correlationId: 't', principal: { kind: 'system' } });
      expect(users.users).toEqual([{ type: 'prompt', id: created.id, name: 'With VK' }]);
    });
  });

  describe('replay', () => {
    it('after the whole session, every prompt-library read model rebuilt from the events equals the live one', async () => {
      const all = await portcullis(stack, ['audit', 'replay', '--all']);
      for (const model of ['prompt_collections', 'prompts', 'prompt_versions', 'prompt_partials', 'prompt_partial_versions', 'prompt_labels']) {
        expect(all.stdout).toMatch(new RegExp(`workspaces\\.${model}: [1-9]\\d* document\\(s\\) compared, 0 difference`));
      }
      expect(all.stdout).toContain('no differences');
      expect(all.code).toBe(0);
    }, 120_000);
  });
});
