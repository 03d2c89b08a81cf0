import { DomainError, type PromptEvents } from '#libs/contracts';
import type { Decider } from '#libs/event-store';
import { libraryNotFound } from '../../prompt-library/library.errors.js';

export type LabelEvent =
  | { type: 'PromptLabelCreated'; data: PromptEvents.PromptLabelCreated }
  | { type: 'PromptLabelUpdated'; data: PromptEvents.PromptLabelUpdated }
  | { type: 'PromptLabelDeleted'; data: PromptEvents.PromptLabelDeleted };

type LabelChanges = PromptEvents.PromptLabelUpdated['changes'];

export type LabelCommand =
  | { type: 'CreateLabel'; label: Omit<PromptEvents.PromptLabelCreated, 'at'>; at: string }
  | { type: 'UpdateLabel'; labelId: string; changes: LabelChanges; at: string }
  /** `versionsLabelled`: how many prompt versions carry it (a label in use stays). */
  | { type: 'DeleteLabel'; labelId: string; versionsLabelled: number; reason: PromptEvents.RemovalReason; at: string };

export interface LabelState {
  label: PromptEvents.PromptLabelCreated | null;
  fields: { name: string; description: string | null; colorCode: string | null };
  deleted: boolean;
}

export const labelExists = (id: string) => new DomainError('PROMPTS.LABEL_EXISTS', `label ${id} already exists`, 409);
export const labelInUse = (id: string, versions: number) =>
  new DomainError('PROMPTS.LABEL_IN_USE', `label ${id} marks ${versions} prompt version(s); take it off them first`, 409, { versions });

/** A label for prompt versions, of one workspace or (no workspace) of the whole organisation. */
export const labelDecider: Decider<LabelCommand, LabelEvent, LabelState> = {
  initialState: () => ({ label: null, fields: { name: '', description: null, colorCode: null }, deleted: false }),

  decide(command, state) {
    if (command.type === 'CreateLabel') {
      if (state.label) throw labelExists(command.label.labelId);
      return [{ type: 'PromptLabelCreated', data: { ...command.label, at: command.at } }];
    }
    const l = state.label;
    if (!l || state.deleted) throw libraryNotFound('label', command.labelId);
    const base = { labelId: l.labelId, orgId: l.orgId, workspaceId: l.workspaceId, at: command.at };
    switch (command.type) {
      case 'UpdateLabel': {
        const changes = Object.fromEntries(
          (Object.keys(command.changes) as Array<keyof LabelChanges>)
            .filter((k) => command.changes[k] !== undefined && command.changes[k] !== state.fields[k])
            .map((k) => [k, command.changes[k]]),
        ) as LabelChanges;
        return Object.keys(changes).length ? [{ type: 'PromptLabelUpdated', data: { ...base, changes } }] : [];
      }
      case 'DeleteLabel':
        if (command.reason === 'api' && command.versionsLabelled > 0) throw labelInUse(command.labelId, command.versionsLabelled);
        return [{ type: 'PromptLabelDeleted', data: { ...base, reason: command.reason } }];
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PromptLabelCreated': {
        const d = event.data;
        return { ...state, label: d, fields: { name: d.name, description: d.description, colorCode: d.colorCode } };
      }
      case 'PromptLabelUpdated':
        return { ...state, fields: { ...state.fields, ...event.data.changes } };
      case 'PromptLabelDeleted':
        return { ...state, deleted: true };
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};
