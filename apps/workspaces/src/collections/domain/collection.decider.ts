import type { PromptEvents } from '#libs/contracts';
import type { Decider } from '#libs/event-store';
import { DomainError } from '#libs/contracts';
import { libraryNotFound } from '../../prompt-library/library.errors.js';

export type CollectionEvent =
  | { type: 'PromptCollectionCreated'; data: PromptEvents.PromptCollectionCreated }
  | { type: 'PromptCollectionUpdated'; data: PromptEvents.PromptCollectionUpdated }
  | { type: 'PromptCollectionDeleted'; data: PromptEvents.PromptCollectionDeleted };

/** What a collection holds when someone asks to delete it. */
export interface CollectionContents {
  prompts: number;
  partials: number;
  childCollections: number;
}

export type CollectionCommand =
  | { type: 'CreateCollection'; collection: Omit<PromptEvents.PromptCollectionCreated, 'at'>; at: string }
  /** A workspace's default collection, made by whoever needs it first: a no-op once it exists (or existed). */
  | { type: 'EnsureDefaultCollection'; collection: Omit<PromptEvents.PromptCollectionCreated, 'at'>; at: string }
  | { type: 'UpdateCollection'; collectionId: string; changes: { name?: string }; at: string }
  | { type: 'DeleteCollection'; collectionId: string; contents: CollectionContents; reason: PromptEvents.RemovalReason; at: string };

export interface CollectionState {
  collection: PromptEvents.PromptCollectionCreated | null;
  name: string;
  deleted: boolean;
}

export const collectionExists = (id: string) => new DomainError('PROMPTS.COLLECTION_EXISTS', `collection ${id} already exists`, 409);
export const collectionNotEmpty = (id: string, contents: CollectionContents) =>
  new DomainError(
    'PROMPTS.COLLECTION_NOT_EMPTY',
    `collection ${id} still holds ${contents.prompts} prompt(s), ${contents.partials} partial(s) and ${contents.childCollections} child collection(s); delete or move them first`,
    409,
    { ...contents },
  );

/** A prompt collection. The default one of a workspace cannot be deleted (404, as Portkey answers). */
export const collectionDecider: Decider<CollectionCommand, CollectionEvent, CollectionState> = {
  initialState: () => ({ collection: null, name: '', deleted: false }),

  decide(command, state) {
    switch (command.type) {
      case 'CreateCollection':
        if (state.collection) throw collectionExists(command.collection.collectionId);
        return [{ type: 'PromptCollectionCreated', data: { ...command.collection, at: command.at } }];
      case 'EnsureDefaultCollection':
        return state.collection ? [] : [{ type: 'PromptCollectionCreated', data: { ...command.collection, isDefault: true, at: command.at } }];
      default:
        break;
    }
    const c = state.collection;
    if (!c || state.deleted) throw libraryNotFound('collection', command.collectionId);
    const base = { collectionId: c.collectionId, orgId: c.orgId, workspaceId: c.workspaceId, at: command.at };
    switch (command.type) {
      case 'UpdateCollection':
        return command.changes.name !== undefined && command.changes.name !== state.name
          ? [{ type: 'PromptCollectionUpdated', data: { ...base, changes: { name: command.changes.name } } }]
          : [];
      case 'DeleteCollection': {
        if (command.reason === 'api') {
          if (c.isDefault) throw libraryNotFound('collection', command.collectionId);
          const { prompts, partials, childCollections } = command.contents;
          if (prompts + partials + childCollections > 0) throw collectionNotEmpty(command.collectionId, command.contents);
        }
        return [{ type: 'PromptCollectionDeleted', data: { ...base, slug: c.slug, reason: command.reason } }];
      }
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'PromptCollectionCreated':
        return { ...state, collection: event.data, name: event.data.name };
      case 'PromptCollectionUpdated':
        return { ...state, name: event.data.changes.name ?? state.name };
      case 'PromptCollectionDeleted':
        return { ...state, deleted: true };
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};
