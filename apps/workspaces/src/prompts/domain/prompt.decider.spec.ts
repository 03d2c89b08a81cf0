import { describe, expect, it } from '@jest/globals';
import { encodeVersionContent } from '#libs/contracts';
import { deciderSpec } from '#libs/testing';
import { promptDecider, type PromptEvent } from './prompt.decider.js';
import { EMPTY_CONTENT } from './version-content.js';

const at = '2026-01-01T00:00:00.000Z';
const base = { promptId: 'p1', orgId: 'o1', workspaceId: 'w1', at };
const v1 = { ...EMPTY_CONTENT, string: 'Hello {{name}}', model: 'gpt-4o', virtualKey: 'vk-1', parameters: { temperature: 0.2 }, versionDescription: 'first' };
const created: PromptEvent = {
  type: 'PromptCreated',
  data: { ...base, collectionId: 'c1', slug: 'pp-greet-abcdef', name: 'Greet', promptMetadataJson: null, versionId: 'v1', version: 1, content: encodeVersionContent(v1), createdBy: 'k1' },
};
const v2Created: PromptEvent = { type: 'PromptVersionCreated', data: { ...base, versionId: 'v2', version: 2, content: encodeVersionContent({ ...v1, string: 'Hi {{name}}', versionDescription: null }) } };
const spec = deciderSpec(promptDecider);
const update = (version: { fields: Record<string, unknown>; patch: boolean } | null, changes = {}) =>
  ({ type: 'UpdatePrompt', promptId: 'p1', changes, version: version && { ...version, versionId: 'v2' }, at }) as const;

describe('prompt decider', () => {
  it('a rename alone makes no version', () => {
    spec.given([created]).when(update(null, { name: 'Greeter' })).then([{ type: 'PromptUpdated', data: { ...base, changes: { name: 'Greeter' } } }]);
    spec.given([created]).when(update(null, { name: 'Greet' })).then([]);
  });

  it('a patch copies what it leaves out from the latest version into a new one', () => {
    spec.given([created]).when(update({ fields: { string: 'Hi {{name}}' }, patch: true })).then([v2Created]);
  });

  it('without patch the body is the whole new version, and needs a template', () => {
    spec.given([created]).when(update({ fields: { string: 'Hi' }, patch: false })).then([
      { type: 'PromptVersionCreated', data: { ...base, versionId: 'v2', version: 2, content: encodeVersionContent({ ...EMPTY_CONTENT, string: 'Hi' }) } },
    ]);
    spec.given([created]).when(update({ fields: { model: 'gpt-4o-mini' }, patch: false })).thenThrows({ code: 'PROMPTS.INVALID', status: 400, details: { fields: { string: expect.any(Array) } } });
  });

  it('the same content, or only a new description, makes no version', () => {
    spec.given([created]).when(update({ fields: { string: 'Hello {{name}}' }, patch: true })).then([]);
    spec.given([created]).when(update({ fields: { versionDescription: 'again' }, patch: true })).then([]);
  });

  it('the version number follows the latest; a concurrent retry decides again on the newer state', () => {
    const decided = promptDecider.decide(update({ fields: { string: 'Third' }, patch: true }), [created, v2Created].reduce(promptDecider.evolve, promptDecider.initialState()));
    expect(decided).toMatchObject([{ type: 'PromptVersionCreated', data: { version: 3, content: { string: 'Third', model: 'gpt-4o' } } }]);
    expect(JSON.parse((decided[0]!.data as { content: { freeForm: string } }).content.freeForm)).toMatchObject({ parameters: { temperature: 0.2 } });
  });

  it('publishing needs an existing version and records what it serves', () => {
    spec.given([created, v2Created]).when({ type: 'PublishVersion', promptId: 'p1', version: 2, at }).then([
      { type: 'PromptVersionPublished', data: { ...base, versionId: 'v2', version: 2, previousVersion: 1, model: 'gpt-4o', virtualKey: 'vk-1' } },
    ]);
    spec.given([created]).when({ type: 'PublishVersion', promptId: 'p1', version: 1, at }).then([]);
    spec.given([created]).when({ type: 'PublishVersion', promptId: 'p1', version: 7, at }).thenThrows({ code: 'PROMPTS.INVALID', details: { fields: { version: expect.any(Array) } } });
  });

  it('a label marks one version per prompt: labelling another moves it', () => {
    const labelled: PromptEvent = { type: 'PromptVersionLabelled', data: { ...base, versionId: 'v1', labelId: 'l1', clearedVersionIds: [] } };
    spec.given([created, v2Created]).when({ type: 'LabelVersion', promptId: 'p1', versionRef: 'v1', labelId: 'l1', at }).then([labelled]);
    spec.given([created, v2Created, labelled]).when({ type: 'LabelVersion', promptId: 'p1', versionRef: '2', labelId: 'l1', at }).then([
      { type: 'PromptVersionLabelled', data: { ...base, versionId: 'v2', labelId: 'l1', clearedVersionIds: ['v1'] } },
    ]);
    spec.given([created, v2Created, labelled]).when({ type: 'LabelVersion', promptId: 'p1', versionRef: 'v1', labelId: 'l1', at }).then([]);
    spec.given([created]).when({ type: 'LabelVersion', promptId: 'p1', versionRef: 'nope', labelId: null, at }).thenThrows({ code: 'PROMPTS.NOT_FOUND', status: 404 });
  });

  it('free-form fields travel as JSON text: a tool schema with a metadata object cannot break the event', () => {
    const tools = [{ type: 'function', function: { name: 'f', parameters: { properties: { metadata: { type: 'object', properties: { a: { type: 'string' } } } } } } }];
    const [event] = promptDecider.decide(update({ fields: { tools, parameters: { 'a.b': 1, $x: 2 } }, patch: true }), [created].reduce(promptDecider.evolve, promptDecider.initialState()));
    const content = (event!.data as unknown as { content: Record<string, unknown> }).content;
    expect(Object.keys(content).sort()).toEqual(['freeForm', 'isRawTemplate', 'model', 'string', 'versionDescription', 'virtualKey']);
    expect(JSON.parse(content.freeForm as string)).toMatchObject({ tools, parameters: { 'a.b': 1, $x: 2 } });
  });

  it('deleting names every version, so each version document goes too; then the prompt is not found', () => {
    const deleted: PromptEvent = { type: 'PromptDeleted', data: { ...base, slug: 'pp-greet-abcdef', versionIds: ['v1', 'v2'], reason: 'api' } };
    spec.given([created, v2Created]).when({ type: 'DeletePrompt', promptId: 'p1', reason: 'api', at }).then([deleted]);
    spec.given([created, deleted]).when(update(null, { name: 'X' })).thenThrows({ code: 'PROMPTS.NOT_FOUND', status: 404 });
  });
});
