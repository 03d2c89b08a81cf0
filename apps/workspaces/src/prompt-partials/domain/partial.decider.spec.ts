import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { partialDecider, type PartialEvent } from './partial.decider.js';

const at = '2026-01-01T00:00:00.000Z';
const base = { partialId: 'x1', orgId: 'o1', workspaceId: 'w1', at };
const partial = { ...base, collectionId: 'c1', slug: 'pl-rules-abcdef', name: 'Rules', versionId: 'v1', content: { string: 'Be brief.', versionDescription: null }, createdBy: 'k1' };
const { at: _at, ...partialCommand } = partial;
const created: PartialEvent = { type: 'PromptPartialCreated', data: { ...partial, version: 1 } };
const v2: PartialEvent = { type: 'PromptPartialVersionCreated', data: { ...base, versionId: 'v2', version: 2, content: { string: 'Be very brief.', versionDescription: 'shorter' } } };
const spec = deciderSpec(partialDecider);

describe('prompt partial decider', () => {
  it('is created at version 1, published', () => {
    spec.given([]).when({ type: 'CreatePartial', partial: partialCommand, at }).then([created]);
    spec.given([created]).when({ type: 'CreatePartial', partial: partialCommand, at }).thenThrows({ code: 'PROMPTS.PARTIAL_EXISTS' });
  });

  it('a rename makes no version; a changed template does; the same template does not', () => {
    spec.given([created]).when({ type: 'UpdatePartial', partialId: 'x1', changes: { name: 'Policy' }, version: null, at }).then([
      { type: 'PromptPartialUpdated', data: { ...base, changes: { name: 'Policy' } } },
    ]);
    spec.given([created]).when({ type: 'UpdatePartial', partialId: 'x1', changes: {}, version: { content: { string: 'Be very brief.', versionDescription: 'shorter' }, versionId: 'v2' }, at }).then([v2]);
    spec.given([created]).when({ type: 'UpdatePartial', partialId: 'x1', changes: {}, version: { content: { string: 'Be brief.', versionDescription: 'x' }, versionId: 'v2' }, at }).then([]);
  });

  it('publishing needs an existing version', () => {
    spec.given([created, v2]).when({ type: 'PublishPartialVersion', partialId: 'x1', version: 2, at }).then([
      { type: 'PromptPartialVersionPublished', data: { ...base, versionId: 'v2', version: 2, previousVersion: 1 } },
    ]);
    spec.given([created]).when({ type: 'PublishPartialVersion', partialId: 'x1', version: 3, at }).thenThrows({ code: 'PROMPTS.INVALID', status: 400 });
  });

  it('deleting names every version; a deleted partial is not found', () => {
    const deleted: PartialEvent = { type: 'PromptPartialDeleted', data: { ...base, slug: partial.slug, versionIds: ['v1', 'v2'], reason: 'api' } };
    spec.given([created, v2]).when({ type: 'DeletePartial', partialId: 'x1', reason: 'api', at }).then([deleted]);
    spec.given([created, deleted]).when({ type: 'PublishPartialVersion', partialId: 'x1', version: 1, at }).thenThrows({ code: 'PROMPTS.NOT_FOUND', status: 404 });
  });
});
