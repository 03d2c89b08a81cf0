import { createHash } from 'node:crypto';
import { configReferences, NO_REFERENCES, type ConfigReferences } from '#libs/contracts';
import { deterministicEventId, type EventStore, type NewEvent } from '#libs/event-store';

export interface SyntheticConfigsOptions {
  orgId: string;
  /** Workspaces of the organisation (from `seedSyntheticOrg`): configs and guardrails go round robin. */
  workspaceIds: string[];
  configs: number;
  guardrails?: number;
  /** Also emit new versions, deletions, default moves and workspace defaults naming them. */
  churn?: boolean;
  startMs?: number;
}

export interface SyntheticConfigs {
  configs: Array<{ id: string; slug: string; workspaceId: string }>;
  guardrails: Array<{ id: string; slug: string; workspaceId: string | null }>;
  appends: number;
}

const uuid = (seed: string) => deterministicEventId(seed, 0);
const pick = <T>(list: readonly T[], i: number) => list[i % list.length]!;
const hex = (seed: string) => createHash('sha1').update(seed).digest('hex').slice(0, 6);

/**
 * Configs (with versions, references and workspace defaults) and guardrails (workspace and
 * organisation level) as the workspaces service would have recorded them, appended straight to
 * the event store. Deterministic for a given organisation: engines compare on the same data, and
 * benchmarks can fill a workspace with 10,000 configs.
 */
export async function seedSyntheticConfigs(store: EventStore, options: SyntheticConfigsOptions): Promise<SyntheticConfigs> {
  const { orgId, workspaceIds } = options;
  const start = options.startMs ?? Date.parse('2026-02-01T00:00:00.000Z');
  let clock = 0;
  // Several events share a timestamp now and then: lists must break ties by id on every engine.
  const at = () => new Date(start + Math.floor(clock++ / 3) * 1000).toISOString();
  const event = (stream: string, type: string, data: unknown, i = 0): NewEvent => ({ id: uuid(`${stream}:${type}:${i}`), type, data, metadata: { orgId } });
  const phases: Array<Array<[string, NewEvent[]]>> = [[], [], []];
  const by = uuid(`${orgId}:user:0`);

  const guardrails: SyntheticConfigs['guardrails'] = [];
  for (let i = 0; i < (options.guardrails ?? 0); i++) {
    const guardrailId = uuid(`${orgId}:guardrail:${i}`);
    const workspaceId = i % 4 === 3 ? null : pick(workspaceIds, i);
    const slug = `guard_syn${i % 1000}-${hex(guardrailId)}`;
    const snapshot = (version: number) => ({
      versionId: uuid(`${guardrailId}:v${version}`),
      version,
      name: `Guardrail ${i} v${version}`,
      checksJson: JSON.stringify([{ id: 'default.wordCount', parameters: { minWords: 1, maxWords: 100 * version } }]),
      actionsJson: JSON.stringify({ deny: i % 2 === 0, on_fail: { feedback: { value: -5, weight: 1, metadata: '' } } }),
      by,
    });
    const stream = `guardrail-${guardrailId}`;
    const events = [event(stream, 'GuardrailCreated', { guardrailId, orgId, workspaceId, slug, ...snapshot(1), at: at() })];
    if (options.churn && i % 3 === 1) events.push(event(stream, 'GuardrailUpdated', { guardrailId, orgId, workspaceId, ...snapshot(2), at: at() }, 1));
    if (options.churn && i % 5 === 4) events.push(event(stream, 'GuardrailDeleted', { guardrailId, orgId, workspaceId, slug, versions: events.length, reason: 'deleted', at: at() }, 2));
    else guardrails.push({ id: guardrailId, slug, workspaceId });
    phases[0]!.push([stream, events]);
  }

  const configs: SyntheticConfigs['configs'] = [];
  const bodyOf = (i: number, version: number, workspaceId: string): Record<string, unknown> => {
    const usable = guardrails.filter((g) => g.workspaceId === workspaceId || g.workspaceId === null);
    return {
      retry: { attempts: (i + version) % 4 },
      ...(i % 4 === 0 && usable.length ? { input_guardrails: [pick(usable, i + version).slug] } : {}),
      strategy: { mode: 'fallback' },
      targets: [
        i % 3 === 0 ? { virtual_key: `vk-${(i + version) % 5}` } : { provider: 'openai' },
        i % 5 === 1 ? { provider: '@prod-openai' } : { provider: 'anthropic', override_params: { model: `m-${version}` } },
      ],
    };
  };
  for (let i = 0; i < options.configs; i++) {
    const configId = uuid(`${orgId}:config:${i}`);
    const workspaceId = pick(workspaceIds, i);
    const slug = `pc-syn${i % 1000}-${hex(configId)}`;
    const stream = `config-${configId}`;
    let references: ConfigReferences = NO_REFERENCES;
    const version = (n: number) => {
      const body = bodyOf(i, n, workspaceId);
      const previous = references;
      references = configReferences(body);
      return { versionId: uuid(`${configId}:v${n}`), version: n, name: `Config ${i} v${n}`, configJson: JSON.stringify(body), status: 'active', by, references, previous };
    };
    const { previous: _none, ...first } = version(1);
    const events = [event(stream, 'ConfigCreated', { configId, orgId, workspaceId, slug, ...first, at: at() })];
    if (options.churn && i % 3 === 2) {
      const { previous, ...second } = version(2);
      events.push(event(stream, 'ConfigUpdated', { configId, orgId, workspaceId, ...second, previousReferences: previous, at: at() }, 1));
    }
    if (options.churn && i % 7 === 5) events.push(event(stream, 'ConfigDeleted', { configId, orgId, workspaceId, slug, versions: events.length, references, reason: 'deleted', at: at() }, 2));
    else configs.push({ id: configId, slug, workspaceId });
    phases[1]!.push([stream, events]);
  }

  // Each workspace's first config is its default; with churn the flag then moves to its second.
  for (const workspaceId of workspaceIds) {
    const own = configs.filter((c) => c.workspaceId === workspaceId);
    if (!own.length) continue;
    const stream = `configDefault-${workspaceId}`;
    const events = [event(stream, 'DefaultConfigChanged', { orgId, workspaceId, configId: own[0]!.id, previousConfigId: null, at: at() })];
    if (options.churn && own[1]) events.push(event(stream, 'DefaultConfigChanged', { orgId, workspaceId, configId: own[1].id, previousConfigId: own[0]!.id, at: at() }, 1));
    phases[2]!.push([stream, events]);
  }
  if (options.churn) {
    workspaceIds.forEach((workspaceId, i) => {
      const config = configs.find((c) => c.workspaceId === workspaceId);
      const guardrail = guardrails.find((g) => g.workspaceId === workspaceId || g.workspaceId === null);
      if (i % 3 === 2 || (!config && !guardrail)) return;
      const defaults = {
        ...(i % 3 === 0 && config ? { user_api_key_config: config.slug } : {}),
        ...(guardrail ? { input_guardrails: [guardrail.slug], output_guardrails: [{ id: guardrail.id }] } : {}),
      };
      phases[2]!.push([`workspace-${workspaceId}`, [event(`workspace-${workspaceId}`, 'WorkspaceUpdated', { workspaceId, orgId, changes: { defaults }, at: at() }, 900)]]);
    });
  }

  let appends = 0;
  for (const batch of phases) {
    let next = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let i = next++; i < batch.length; i = next++) {
          const [stream, events] = batch[i]!;
          await store.append(stream, events);
          appends++;
        }
      }),
    );
  }
  return { configs, guardrails, appends };
}
