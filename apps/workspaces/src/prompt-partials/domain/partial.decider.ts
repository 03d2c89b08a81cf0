import { DomainError, VERSION_CONTENT_LIMITS, freeFormProblem, type PromptEvents } from '#libs/contracts';
import type { Decider } from '#libs/event-store';
import { invalidField, libraryNotFound } from '../../prompt-library/library.errors.js';

export type PartialEvent =
  | { type: 'PromptPartialCreated'; data: PromptEvents.PromptPartialCreated }
  | { type: 'PromptPartialUpdated'; data: PromptEvents.PromptPartialUpdated }
  | { type: 'PromptPartialVersionCreated'; data: PromptEvents.PromptPartialVersionCreated }
  | { type: 'PromptPartialVersionPublished'; data: PromptEvents.PromptPartialVersionPublished }
  | { type: 'PromptPartialDeleted'; data: PromptEvents.PromptPartialDeleted };

type PartialChanges = PromptEvents.PromptPartialUpdated['changes'];

export type PartialCommand =
  | { type: 'CreatePartial'; partial: Omit<PromptEvents.PromptPartialCreated, 'at' | 'version'>; at: string }
  /** `version` when the request sent a template; a new version only if it differs from the latest. */
  | { type: 'UpdatePartial'; partialId: string; changes: PartialChanges; version: { content: PromptEvents.PartialVersionContent; versionId: string } | null; at: string }
  | { type: 'PublishPartialVersion'; partialId: string; version: number; at: string }
  | { type: 'DeletePartial'; partialId: string; reason: PromptEvents.RemovalReason; at: string };

export interface PartialState {
  partial: PromptEvents.PromptPartialCreated | null;
  name: string;
  status: 'active' | 'archived';
  versions: Array<{ versionId: string; version: number; content: PromptEvents.PartialVersionContent }>;
  published: number;
  deleted: boolean;
}

export const partialExists = (id: string) => new DomainError('PROMPTS.PARTIAL_EXISTS', `prompt partial ${id} already exists`, 409);

export function checkPartialContent(content: PromptEvents.PartialVersionContent): PromptEvents.PartialVersionContent {
  const problem = freeFormProblem(content, VERSION_CONTENT_LIMITS);
  if (problem) throw invalidField('string', `the version ${problem}`);
  return content;
}

/** A prompt partial: versioned and published like a prompt; a version's template never changes. */
export const partialDecider: Decider<PartialCommand, PartialEvent, PartialState> = {
  initialState: () => ({ partial: null, name: '', status: 'active', versions: [], published: 0, deleted: false }),

  decide(command, state) {
    if (command.type === 'CreatePartial') {
      if (state.partial) throw partialExists(command.partial.partialId);
      return [{ type: 'PromptPartialCreated', data: { ...command.partial, content: checkPartialContent(command.partial.content), version: 1, at: command.at } }];
    }
    const p = state.partial;
    if (!p || state.deleted) throw libraryNotFound('prompt partial', command.partialId);
    const base = { partialId: p.partialId, orgId: p.orgId, workspaceId: p.workspaceId, at: command.at };
    switch (command.type) {
      case 'UpdatePartial': {
        const events: PartialEvent[] = [];
        const changes: PartialChanges = {};
        if (command.changes.name !== undefined && command.changes.name !== state.name) changes.name = command.changes.name;
        if (command.changes.status !== undefined && command.changes.status !== state.status) changes.status = command.changes.status;
        if (Object.keys(changes).length) events.push({ type: 'PromptPartialUpdated', data: { ...base, changes } });
        const latest = state.versions.at(-1)!;
        if (command.version && command.version.content.string !== latest.content.string) {
          const content = checkPartialContent(command.version.content);
          events.push({ type: 'PromptPartialVersionCreated', data: { ...base, versionId: command.version.versionId, version: latest.version + 1, content } });
        }
        return events;
      }
      case 'PublishPartialVersion': {
        const v = state.versions.find((x) => x.version === command.version);
        if (!v) throw invalidField('version', `prompt partial ${p.slug} has no version ${command.version}`);
        if (v.version === state.published) return [];
        return [{ type: 'PromptPartialVersionPublished', data: { ...base, versionId: v.versionId, version: v.version, previousVersion: state.published } }];
      }
      case 'DeletePartial':
        return [{ type: 'PromptPartialDeleted', data: { ...base, slug: p.slug, versionIds: state.versions.map((v) => v.versionId), reason: command.reason } }];
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PromptPartialCreated': {
        const d = event.data;
        return { ...state, partial: d, name: d.name, versions: [{ versionId: d.versionId, version: d.version, content: d.content }], published: d.version };
      }
      case 'PromptPartialUpdated':
        return { ...state, name: event.data.changes.name ?? state.name, status: event.data.changes.status ?? state.status };
      case 'PromptPartialVersionCreated': {
        const d = event.data;
        return { ...state, versions: [...state.versions, { versionId: d.versionId, version: d.version, content: d.content }] };
      }
      case 'PromptPartialVersionPublished':
        return { ...state, published: event.data.version };
      case 'PromptPartialDeleted':
        return { ...state, deleted: true };
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};
