import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { labelDecider, type LabelEvent } from './label.decider.js';

const at = '2026-01-01T00:00:00.000Z';
const label = { labelId: 'l1', orgId: 'o1', workspaceId: null, name: 'production', description: null, colorCode: '#00ff00', createdBy: 'k1' };
const created: LabelEvent = { type: 'PromptLabelCreated', data: { ...label, at } };
const base = { labelId: 'l1', orgId: 'o1', workspaceId: null, at };
const spec = deciderSpec(labelDecider);

describe('label decider', () => {
  it('records only what really changes', () => {
    spec.given([created]).when({ type: 'UpdateLabel', labelId: 'l1', changes: { name: 'production', colorCode: '#ff0000' }, at }).then([
      { type: 'PromptLabelUpdated', data: { ...base, changes: { colorCode: '#ff0000' } } },
    ]);
    spec.given([created]).when({ type: 'UpdateLabel', labelId: 'l1', changes: { name: 'production' }, at }).then([]);
  });

  it('a label that marks prompt versions refuses deletion, unless its workspace goes', () => {
    spec.given([created]).when({ type: 'DeleteLabel', labelId: 'l1', versionsLabelled: 2, reason: 'api', at }).thenThrows({ code: 'PROMPTS.LABEL_IN_USE', status: 409 });
    spec.given([created]).when({ type: 'DeleteLabel', labelId: 'l1', versionsLabelled: 2, reason: 'workspace_deleted', at }).then([
      { type: 'PromptLabelDeleted', data: { ...base, reason: 'workspace_deleted' } },
    ]);
    spec.given([created]).when({ type: 'DeleteLabel', labelId: 'l1', versionsLabelled: 0, reason: 'api', at }).then([{ type: 'PromptLabelDeleted', data: { ...base, reason: 'api' } }]);
  });

  it('a deleted label is not found', () => {
    const deleted: LabelEvent = { type: 'PromptLabelDeleted', data: { ...base, reason: 'api' } };
    spec.given([created, deleted]).when({ type: 'UpdateLabel', labelId: 'l1', changes: { name: 'x' }, at }).thenThrows({ code: 'PROMPTS.NOT_FOUND', status: 404 });
  });
});
