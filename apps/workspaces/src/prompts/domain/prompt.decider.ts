import { decodeJson, decodeVersionContent, DomainError, encodeJson, encodeVersionContent, type PromptEvents } from '#libs/contracts';
import type { Decider } from '#libs/event-store';
import { invalidField, libraryNotFound } from '../../prompt-library/library.errors.js';
import { nextContent, sameContent, type VersionFields } from './version-content.js';

type Content = PromptEvents.PromptVersionContent;

export type PromptEvent =
  | { type: 'PromptCreated'; data: PromptEvents.PromptCreated }
  | { type: 'PromptUpdated'; data: PromptEvents.PromptUpdated }
  | { type: 'PromptVersionCreated'; data: PromptEvents.PromptVersionCreated }
  | { type: 'PromptVersionPublished'; data: PromptEvents.PromptVersionPublished }
  | { type: 'PromptVersionLabelled'; data: PromptEvents.PromptVersionLabelled }
  | { type: 'PromptDeleted'; data: PromptEvents.PromptDeleted };

/** Changes of the prompt itself, decoded. */
export interface PromptChanges {
  name?: string;
  collectionId?: string;
  promptMetadata?: Record<string, unknown>;
}

/** A new prompt, its first version's content decoded (events carry it encoded). */
export type NewPrompt = Omit<PromptEvents.PromptCreated, 'at' | 'version' | 'content' | 'promptMetadataJson'> & {
  content: Content;
  promptMetadata: Record<string, unknown> | null;
};

export type PromptCommand =
  | { type: 'CreatePrompt'; prompt: NewPrompt; at: string }
  /** `version` when the request carried version fields; its id is used only if a version is made. */
  | { type: 'UpdatePrompt'; promptId: string; changes: PromptChanges; version: { fields: VersionFields; patch: boolean; versionId: string } | null; at: string }
  | { type: 'PublishVersion'; promptId: string; version: number; at: string }
  /** `versionRef`: a version's id or its number. */
  | { type: 'LabelVersion'; promptId: string; versionRef: string; labelId: string | null; at: string }
  | { type: 'DeletePrompt'; promptId: string; reason: PromptEvents.RemovalReason; at: string };

export interface PromptVersionState {
  versionId: string;
  version: number;
  content: Content;
  labelId: string | null;
}

export interface PromptState {
  prompt: PromptEvents.PromptCreated | null;
  name: string;
  collectionId: string;
  promptMetadata: Record<string, unknown> | null;
  versions: PromptVersionState[];
  published: number;
  deleted: boolean;
}

export const promptExists = (id: string) => new DomainError('PROMPTS.PROMPT_EXISTS', `prompt ${id} already exists`, 409);
const versionNotFound = (ref: string) => libraryNotFound('prompt version', ref);

/**
 * A prompt and its versions. Versions are immutable: an update with version fields appends a new
 * one (never edits one), and only a version's label can change afterwards. Publishing picks the
 * version that reads and renders serve.
 */
export const promptDecider: Decider<PromptCommand, PromptEvent, PromptState> = {
  initialState: () => ({ prompt: null, name: '', collectionId: '', promptMetadata: null, versions: [], published: 0, deleted: false }),

  decide(command, state) {
    if (command.type === 'CreatePrompt') {
      if (state.prompt) throw promptExists(command.prompt.promptId);
      const { content, promptMetadata, ...prompt } = command.prompt;
      return [
        { type: 'PromptCreated', data: { ...prompt, promptMetadataJson: encodeJson(promptMetadata), content: encodeVersionContent(content), version: 1, at: command.at } },
      ];
    }
    const p = state.prompt;
    if (!p || state.deleted) throw libraryNotFound('prompt', command.promptId);
    const base = { promptId: p.promptId, orgId: p.orgId, workspaceId: p.workspaceId, at: command.at };
    switch (command.type) {
      case 'UpdatePrompt': {
        const events: PromptEvent[] = [];
        const changes = changed(command.changes, state);
        if (Object.keys(changes).length) events.push({ type: 'PromptUpdated', data: { ...base, changes } });
        if (command.version) {
          const latest = state.versions.at(-1)!;
          const content = nextContent(command.version.fields, latest.content, command.version.patch);
          if (!sameContent(content, latest.content)) {
            events.push({ type: 'PromptVersionCreated', data: { ...base, versionId: command.version.versionId, version: latest.version + 1, content: encodeVersionContent(content) } });
          }
        }
        return events;
      }
      case 'PublishVersion': {
        const v = state.versions.find((x) => x.version === command.version);
        if (!v) throw invalidField('version', `prompt ${p.slug} has no version ${command.version}`);
        if (v.version === state.published) return [];
        return [
          {
            type: 'PromptVersionPublished',
            data: { ...base, versionId: v.versionId, version: v.version, previousVersion: state.published, model: v.content.model, virtualKey: v.content.virtualKey },
          },
        ];
      }
      case 'LabelVersion': {
        const v = state.versions.find((x) => x.versionId === command.versionRef || String(x.version) === command.versionRef);
        if (!v) throw versionNotFound(command.versionRef);
        if (v.labelId === command.labelId) return [];
        const cleared = command.labelId ? state.versions.filter((x) => x !== v && x.labelId === command.labelId).map((x) => x.versionId) : [];
        return [{ type: 'PromptVersionLabelled', data: { ...base, versionId: v.versionId, labelId: command.labelId, clearedVersionIds: cleared } }];
      }
      case 'DeletePrompt':
        return [{ type: 'PromptDeleted', data: { ...base, slug: p.slug, versionIds: state.versions.map((v) => v.versionId), reason: command.reason } }];
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PromptCreated': {
        const d = event.data;
        return {
          ...state,
          prompt: d,
          name: d.name,
          collectionId: d.collectionId,
          promptMetadata: decodeJson(d.promptMetadataJson),
          versions: [{ versionId: d.versionId, version: d.version, content: decodeVersionContent(d.content), labelId: null }],
          published: d.version,
        };
      }
      case 'PromptUpdated': {
        const c = event.data.changes;
        const promptMetadata = c.promptMetadataJson !== undefined ? decodeJson(c.promptMetadataJson) : state.promptMetadata;
        return { ...state, name: c.name ?? state.name, collectionId: c.collectionId ?? state.collectionId, promptMetadata };
      }
      case 'PromptVersionCreated': {
        const d = event.data;
        return { ...state, versions: [...state.versions, { versionId: d.versionId, version: d.version, content: decodeVersionContent(d.content), labelId: null }] };
      }
      case 'PromptVersionPublished':
        return { ...state, published: event.data.version };
      case 'PromptVersionLabelled': {
        const d = event.data;
        const versions = state.versions.map((v) =>
          v.versionId === d.versionId ? { ...v, labelId: d.labelId } : d.clearedVersionIds.includes(v.versionId) ? { ...v, labelId: null } : v,
        );
        return { ...state, versions };
      }
      case 'PromptDeleted':
        return { ...state, deleted: true };
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};

function changed(changes: PromptChanges, state: PromptState): PromptEvents.PromptUpdated['changes'] {
  const out: PromptEvents.PromptUpdated['changes'] = {};
  if (changes.name !== undefined && changes.name !== state.name) out.name = changes.name;
  if (changes.collectionId !== undefined && changes.collectionId !== state.collectionId) out.collectionId = changes.collectionId;
  const metadata = encodeJson(changes.promptMetadata);
  if (metadata !== null && metadata !== encodeJson(state.promptMetadata)) out.promptMetadataJson = metadata;
  return out;
}
