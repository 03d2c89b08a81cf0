import { createHash } from 'node:crypto';
import { defaultCollectionId, defaultCollectionSlug, encodeVersionContent, type PromptEvents } from '#libs/contracts';
import { deterministicEventId, type EventStore, type NewEvent } from '#libs/event-store';

export interface SyntheticPromptsOptions {
  orgId: string;
  workspaceIds: string[];
  promptsPerWorkspace?: number;
  partialsPerWorkspace?: number;
  /** Also emit renames, new versions, publishing, labelling and deletions. */
  churn?: boolean;
  startMs?: number;
}

const uuid = (seed: string) => deterministicEventId(seed, 0);
const hex = (seed: string) => createHash('sha1').update(seed).digest('hex').slice(0, 6);
const content = (i: number, v: number): PromptEvents.PromptVersionContent => ({
  string: JSON.stringify([{ role: 'user', content: `Prompt ${i} version ${v}: {{topic}}` }]),
  parameters: { temperature: (i % 10) / 10 },
  model: i % 4 ? 'gpt-4o' : null,
  virtualKey: i % 3 ? `vk-${i % 5}` : null,
  functions: null,
  tools: i % 6 === 0 ? [{ type: 'function', function: { name: 'f', parameters: { properties: { metadata: { type: 'object' } } } } }] : null,
  toolChoice: null,
  templateMetadata: null,
  isRawTemplate: 0,
  versionDescription: v > 1 ? `v${v}` : null,
});

/**
 * A prompt library per workspace, as the workspaces service would have recorded it: default and
 * nested collections, prompts with several versions (published or not, labelled or not), partials
 * with versions, organisation and workspace labels, and some deletions. Deterministic per `orgId`.
 */
export async function seedSyntheticPromptLibrary(store: EventStore, options: SyntheticPromptsOptions): Promise<number> {
  const { orgId } = options;
  const start = options.startMs ?? Date.parse('2026-02-01T00:00:00.000Z');
  let clock = 0;
  const at = () => new Date(start + Math.floor(clock++ / 3) * 1000).toISOString();
  const metadata = { orgId };
  const streams: Array<[string, NewEvent[]]> = [];
  const event = (stream: string, type: string, data: unknown, i = 0): NewEvent => ({ id: uuid(`${stream}:${type}:${i}`), type, data, metadata });

  const orgLabels = [0, 1, 2].map((i) => uuid(`${orgId}:label:org:${i}`));
  orgLabels.forEach((labelId, i) =>
    streams.push([`promptLabel-${labelId}`, [event(`promptLabel-${labelId}`, 'PromptLabelCreated', { labelId, orgId, workspaceId: null, name: ['production', 'staging', 'dev'][i], description: null, colorCode: '#00aa00', createdBy: 'k', at: at() })]]),
  );
  options.workspaceIds.forEach((workspaceId, w) => {
    const labelId = uuid(`${orgId}:label:${workspaceId}`);
    const label = [event(`promptLabel-${labelId}`, 'PromptLabelCreated', { labelId, orgId, workspaceId, name: `Team ${w}`, description: 'mine', colorCode: null, createdBy: 'k', at: at() })];
    if (options.churn && w % 2) label.push(event(`promptLabel-${labelId}`, 'PromptLabelUpdated', { labelId, orgId, workspaceId, changes: { name: `Team ${w}b` }, at: at() }, 1));
    streams.push([`promptLabel-${labelId}`, label]);

    const defaultId = defaultCollectionId(workspaceId);
    const collectionIds = [defaultId, uuid(`${orgId}:${workspaceId}:col:1`), uuid(`${orgId}:${workspaceId}:col:2`)];
    collectionIds.forEach((collectionId, c) => {
      const created: PromptEvents.PromptCollectionCreated = {
        collectionId,
        orgId,
        workspaceId,
        slug: c === 0 ? defaultCollectionSlug(workspaceId) : `co-synth-${hex(collectionId)}`,
        name: c === 0 ? 'Default' : `Collection ${w}.${c}`,
        parentCollectionId: c === 2 ? collectionIds[1]! : null,
        isDefault: c === 0,
        createdBy: 'k',
        at: at(),
      };
      const events = [event(`promptCollection-${collectionId}`, 'PromptCollectionCreated', created)];
      if (options.churn && c === 1) events.push(event(`promptCollection-${collectionId}`, 'PromptCollectionUpdated', { collectionId, orgId, workspaceId, changes: { name: `Renamed ${w}` }, at: at() }, 1));
      streams.push([`promptCollection-${collectionId}`, events]);
    });

    for (let i = 0; i < (options.promptsPerWorkspace ?? 20); i++) {
      const promptId = uuid(`${orgId}:${workspaceId}:prompt:${i}`);
      const stream = `prompt-${promptId}`;
      const versionIds = [1, 2, 3].map((v) => uuid(`${promptId}:v${v}`));
      const base = { promptId, orgId, workspaceId };
      const events: NewEvent[] = [
        event(stream, 'PromptCreated', {
          ...base,
          collectionId: collectionIds[i % 3]!,
          slug: `pp-synth-${i}-${hex(promptId)}`,
          name: `Prompt ${i % 4 === 0 ? 'Alpha' : 'Beta'} ${i}`,
          promptMetadataJson: i % 5 ? null : JSON.stringify({ owner: 'team' }),
          versionId: versionIds[0],
          version: 1,
          content: encodeVersionContent(content(i, 1)),
          createdBy: 'k',
          at: at(),
        }),
      ];
      if (options.churn) {
        const versions = 1 + (i % 3);
        for (let v = 2; v <= versions; v++) events.push(event(stream, 'PromptVersionCreated', { ...base, versionId: versionIds[v - 1], version: v, content: encodeVersionContent(content(i + v, v)), at: at() }, v));
        if (versions > 1 && i % 2) {
          const c = content(i + versions, versions);
          events.push(event(stream, 'PromptVersionPublished', { ...base, versionId: versionIds[versions - 1], version: versions, previousVersion: 1, model: c.model, virtualKey: c.virtualKey, at: at() }, 10));
        }
        if (i % 4 === 1) events.push(event(stream, 'PromptVersionLabelled', { ...base, versionId: versionIds[0], labelId: orgLabels[i % 3], clearedVersionIds: [], at: at() }, 11));
        if (i % 8 === 1 && versions > 1) events.push(event(stream, 'PromptVersionLabelled', { ...base, versionId: versionIds[1], labelId: orgLabels[i % 3], clearedVersionIds: [versionIds[0]], at: at() }, 12));
        if (i % 6 === 2) events.push(event(stream, 'PromptUpdated', { ...base, changes: { name: `Renamed prompt ${i}` }, at: at() }, 13));
        if (i % 9 === 7) events.push(event(stream, 'PromptDeleted', { ...base, slug: `pp-synth-${i}-${hex(promptId)}`, versionIds: versionIds.slice(0, versions), reason: 'api', at: at() }, 14));
      }
      streams.push([stream, events]);
    }

    for (let i = 0; i < (options.partialsPerWorkspace ?? 8); i++) {
      const partialId = uuid(`${orgId}:${workspaceId}:partial:${i}`);
      const stream = `promptPartial-${partialId}`;
      const base = { partialId, orgId, workspaceId };
      const slug = `pl-synth-${i}-${hex(partialId)}`;
      const v2 = uuid(`${partialId}:v2`);
      const events: NewEvent[] = [
        event(stream, 'PromptPartialCreated', { ...base, collectionId: defaultId, slug, name: `Partial ${i}`, versionId: uuid(`${partialId}:v1`), version: 1, content: { string: `Rule ${i}`, versionDescription: null }, createdBy: 'k', at: at() }),
      ];
      if (options.churn && i % 2) {
        events.push(event(stream, 'PromptPartialVersionCreated', { ...base, versionId: v2, version: 2, content: { string: `Rule ${i} v2`, versionDescription: 'v2' }, at: at() }, 1));
        if (i % 4 === 1) events.push(event(stream, 'PromptPartialVersionPublished', { ...base, versionId: v2, version: 2, previousVersion: 1, at: at() }, 2));
      }
      if (options.churn && i % 3 === 2) events.push(event(stream, 'PromptPartialUpdated', { ...base, changes: { status: 'archived' }, at: at() }, 3));
      if (options.churn && i % 7 === 6) events.push(event(stream, 'PromptPartialDeleted', { ...base, slug, versionIds: [uuid(`${partialId}:v1`)], reason: 'api', at: at() }, 4));
      streams.push([stream, events]);
    }
  });

  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let i = next++; i < streams.length; i = next++) await store.append(streams[i]![0], streams[i]![1]);
    }),
  );
  return streams.length;
}
