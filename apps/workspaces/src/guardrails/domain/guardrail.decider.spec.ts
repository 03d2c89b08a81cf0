import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { guardrailDecider, type GuardrailEvent } from './guardrail.decider.js';

const at = '2026-01-01T00:00:00.000Z';
const ids = { guardrailId: 'g1', orgId: 'o1', workspaceId: null };
const checks = [{ id: 'default.wordCount', parameters: { minWords: 1, maxWords: 1000 } }];
const actions = { onFail: 'log', message: 'too long' };
const created: GuardrailEvent = {
  type: 'GuardrailCreated',
  data: { ...ids, slug: 'guard_words-abcdef', name: 'Words', checksJson: JSON.stringify(checks), actionsJson: JSON.stringify(actions), versionId: 'v1', version: 1, by: 'u1', at },
};
const spec = deciderSpec(guardrailDecider);

describe('guardrail decider', () => {
  it('an organisation-level guardrail (no workspace) starts at version 1, actions kept as sent', () => {
    spec.given([]).when({ type: 'CreateGuardrail', ...ids, slug: 'guard_words-abcdef', name: 'Words', checks, actions, versionId: 'v1', by: 'u1', at }).then([created]);
  });

  it('a partial update keeps the fields not sent and makes version 2', () => {
    spec.given([created]).when({ type: 'UpdateGuardrail', guardrailId: 'g1', changes: { name: 'Word limit' }, versionId: 'v2', by: 'u2', at }).then([
      { type: 'GuardrailUpdated', data: { ...ids, name: 'Word limit', checksJson: JSON.stringify(checks), actionsJson: JSON.stringify(actions), versionId: 'v2', version: 2, by: 'u2', at } },
    ]);
  });

  it('sending the same content again makes no version', () => {
    spec.given([created]).when({ type: 'UpdateGuardrail', guardrailId: 'g1', changes: { checks, actions }, versionId: 'v2', by: 'u2', at }).then([]);
  });

  it('deleting records the version count; afterwards the guardrail is missing', () => {
    const deleted: GuardrailEvent = { type: 'GuardrailDeleted', data: { ...ids, slug: 'guard_words-abcdef', versions: 1, reason: 'deleted', at } };
    spec.given([created]).when({ type: 'DeleteGuardrail', guardrailId: 'g1', reason: 'deleted', at }).then([deleted]);
    spec.given([created, deleted]).when({ type: 'DeleteGuardrail', guardrailId: 'g1', reason: 'deleted', at }).thenThrows({ code: 'GUARDRAILS.NOT_FOUND', status: 404 });
  });
});
