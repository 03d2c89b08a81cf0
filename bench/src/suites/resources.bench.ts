import { createEventStore, eventStoreConfig } from '#libs/event-store';
import { http } from '../../../test/support/clients.js';
import { startStack } from '../../../test/support/stack.js';
import { seedSyntheticConfigs } from '../../../test/support/synthetic-configs.js';
import { seedSyntheticPromptLibrary } from '../../../test/support/synthetic-prompts.js';
import { progress, sideBySide, type Row } from '../harness.js';

const SIZES = [100, 10_000] as const;

/**
 * Workspace resources as a workspace fills up: a config read by slug and a prompt render, in a
 * workspace of 100 configs and prompts and in one of 10,000, side by side in one run. (Two
 * organisations, because the synthetic data is keyed by organisation.)
 */
export async function resourcesBench(): Promise<Row[]> {
  progress('resources: config read by slug and prompt render at 100 vs 10,000 configs and prompts');
  const stack = await startStack();
  const store = await createEventStore(eventStoreConfig(stack.config));
  const rows: Row[] = [];
  try {
    const spaces = await Promise.all(
      SIZES.map(async (size, i) => {
        const org = i === 0 ? { orgId: stack.orgId, adminKey: stack.adminKey } : await stack.createOrganisation('Big', 'owner@big.example');
        const ws = (await http(stack, 'POST', '/admin/workspaces', { key: org.adminKey, body: { name: `bench ${size}` } })).body;
        const configs = await seedSyntheticConfigs(store, { orgId: org.orgId, workspaceIds: [ws.id], configs: size });
        await seedSyntheticPromptLibrary(store, { orgId: org.orgId, workspaceIds: [ws.id], promptsPerWorkspace: size, partialsPerWorkspace: 3 });
        const renderKey = (
          await http(stack, 'POST', '/api-keys/workspace/service', { key: org.adminKey, body: { name: 'render', scopes: ['prompts.render', 'prompts.read'], workspace_id: ws.id } })
        ).body.key as string;
        const collections = await http(stack, 'GET', `/collections?workspace_id=${ws.id}`, { key: org.adminKey });
        const collection = collections.body.data[0].id;
        const prompt = await http(stack, 'POST', '/prompts', {
          key: org.adminKey,
          body: { name: 'bench prompt', collection_id: collection, string: JSON.stringify([{ role: 'user', content: 'Tell me about {{topic}}, briefly.' }]), parameters: { model: 'gpt-4o' } },
        });
        if (prompt.status !== 200) throw new Error(`prompt: ${prompt.status} ${JSON.stringify(prompt.body)}`);
        return { size, org, configs: configs.configs.map((c) => c.slug), renderKey, promptId: prompt.body.id as string };
      }),
    );
    // Every read model has the seed before timing starts.
    for (const space of spaces) {
      const last = space.configs.at(-1)!;
      for (let i = 0; i < 600; i++) {
        if ((await http(stack, 'GET', `/configs/${last}`, { key: space.org.adminKey })).status === 200) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const ok = async (result: Promise<{ status: number; body: unknown }>, what: string) => {
      const r = await result;
      if (r.status !== 200) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
    };
    for (const concurrency of [1, 16]) {
      const reads = await sideBySide(
        Object.fromEntries(
          spaces.map((s) => [`GET /configs/:slug, ${s.size.toLocaleString('en')} configs in the workspace, ${concurrency} in flight`, (i: number) => ok(http(stack, 'GET', `/configs/${s.configs[(i * 7919) % s.configs.length]}`, { key: s.org.adminKey }), 'config read')]),
        ),
        { ops: concurrency === 1 ? 1_000 : 3_000, concurrency, warmup: 100 },
      );
      const renders = await sideBySide(
        Object.fromEntries(
          spaces.map((s) => [
            `POST /prompts/:id/render, ${s.size.toLocaleString('en')} prompts in the workspace, ${concurrency} in flight`,
            (i: number) => ok(http(stack, 'POST', `/prompts/${s.promptId}/render`, { key: s.renderKey, body: { variables: { topic: `topic ${i}` } } }), 'render'),
          ]),
        ),
        { ops: concurrency === 1 ? 1_000 : 3_000, concurrency, warmup: 100 },
      );
      for (const stats of [reads, renders]) {
        const entries = Object.entries(stats);
        for (const [name, s] of entries) rows.push({ suite: 'resources', case: name, ...s });
        const [small, large] = entries.map(([, s]) => s);
        rows.push({
          suite: 'resources',
          case: `${entries[0]![0].split(',')[0]}: 10,000 vs 100, ${concurrency} in flight`,
          note: `p50 ×${(large!.p50Ms / small!.p50Ms).toFixed(2)}, p99 ×${(large!.p99Ms / small!.p99Ms).toFixed(2)}, req/s ×${(large!.opsPerSec / small!.opsPerSec).toFixed(2)}`,
        });
      }
    }
  } finally {
    await store.close();
    await stack.stop();
  }
  return rows;
}
