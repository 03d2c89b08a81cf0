import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { collectionDecider, type CollectionEvent } from './collection.decider.js';

const at = '2026-01-01T00:00:00.000Z';
const collection = { collectionId: 'c1', orgId: 'o1', workspaceId: 'w1', slug: 'co-research-abcdef', name: 'Research', parentCollectionId: null, isDefault: false, createdBy: 'k1' };
const created: CollectionEvent = { type: 'PromptCollectionCreated', data: { ...collection, at } };
const defaultCreated: CollectionEvent = { type: 'PromptCollectionCreated', data: { ...collection, isDefault: true, at } };
const deleted: CollectionEvent = { type: 'PromptCollectionDeleted', data: { collectionId: 'c1', orgId: 'o1', workspaceId: 'w1', slug: collection.slug, reason: 'api', at } };
const empty = { prompts: 0, partials: 0, childCollections: 0 };
const spec = deciderSpec(collectionDecider);

describe('collection decider', () => {
  it('a collection is created once', () => {
    spec.given([]).when({ type: 'CreateCollection', collection, at }).then([created]);
    spec.given([created]).when({ type: 'CreateCollection', collection, at }).thenThrows({ code: 'PROMPTS.COLLECTION_EXISTS', status: 409 });
  });

  it('ensuring the default collection creates it the first time only, even after it was deleted', () => {
    spec.given([]).when({ type: 'EnsureDefaultCollection', collection, at }).then([defaultCreated]);
    spec.given([defaultCreated]).when({ type: 'EnsureDefaultCollection', collection, at }).then([]);
    spec.given([defaultCreated, deleted]).when({ type: 'EnsureDefaultCollection', collection, at }).then([]);
  });

  it('renaming records only a real change', () => {
    spec.given([created]).when({ type: 'UpdateCollection', collectionId: 'c1', changes: { name: 'Research' }, at }).then([]);
    spec.given([created]).when({ type: 'UpdateCollection', collectionId: 'c1', changes: { name: 'Lab' }, at }).then([
      { type: 'PromptCollectionUpdated', data: { collectionId: 'c1', orgId: 'o1', workspaceId: 'w1', changes: { name: 'Lab' }, at } },
    ]);
  });

  it('a collection that holds prompts, partials or children refuses deletion (409)', () => {
    for (const contents of [{ ...empty, prompts: 1 }, { ...empty, partials: 2 }, { ...empty, childCollections: 1 }]) {
      spec.given([created]).when({ type: 'DeleteCollection', collectionId: 'c1', contents, reason: 'api', at }).thenThrows({ code: 'PROMPTS.COLLECTION_NOT_EMPTY', status: 409 });
    }
    spec.given([created]).when({ type: 'DeleteCollection', collectionId: 'c1', contents: empty, reason: 'api', at }).then([deleted]);
  });

  it('the default collection answers 404 to deletion, but goes with its workspace', () => {
    spec.given([defaultCreated]).when({ type: 'DeleteCollection', collectionId: 'c1', contents: empty, reason: 'api', at }).thenThrows({ code: 'PROMPTS.NOT_FOUND', status: 404 });
    spec.given([defaultCreated]).when({ type: 'DeleteCollection', collectionId: 'c1', contents: { ...empty, prompts: 3 }, reason: 'workspace_deleted', at }).then([
      { type: 'PromptCollectionDeleted', data: { ...deleted.data, reason: 'workspace_deleted' } as never },
    ]);
  });

  it('a deleted collection is not found', () => {
    spec.given([created, deleted]).when({ type: 'UpdateCollection', collectionId: 'c1', changes: { name: 'X' }, at }).thenThrows({ code: 'PROMPTS.NOT_FOUND', status: 404 });
  });
});
