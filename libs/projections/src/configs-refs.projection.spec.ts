import { describe, expect, it } from '@jest/globals';
import type { RecordedEvent } from '#libs/event-store';
import { configRefsProjection, type ConfigRefDoc } from './configs-refs.projection.js';
import { workspaceDefaultRefsProjection } from './configs-workspace-defaults.projection.js';

const event = (type: string, data: Record<string, unknown>): RecordedEvent => ({ id: 'e', type, data, metadata: {}, streamName: 's-1', revision: 0, position: 1, recordedAt: '' }) as unknown as RecordedEvent;
const ids = { configId: 'c1', orgId: 'o1', workspaceId: 'w1' };
const none = { virtualKeys: [], providers: [], guardrails: [] };

/** Applies one event to a map of documents the way the runner does: per key the event touches. */
function apply(docs: Map<string, ConfigRefDoc>, e: RecordedEvent): void {
  for (const key of configRefsProjection.keysOf(e)) {
    const next = configRefsProjection.evolve(docs.get(key) ?? null, e, key);
    if (next) docs.set(key, next);
    else docs.delete(key);
  }
}

describe('config references read model', () => {
  it('a new version adds what it names and drops what it no longer names; deletion drops everything', () => {
    const docs = new Map<string, ConfigRefDoc>();
    apply(docs, event('ConfigCreated', { ...ids, references: { ...none, virtualKeys: ['vk-a'], guardrails: ['g1'] } }));
    expect([...docs.values()].map((d) => [d.kind, d.ref]).sort()).toEqual([['guardrail', 'g1'], ['virtual_key', 'vk-a']]);
    apply(docs, event('ConfigUpdated', { ...ids, references: { ...none, providers: ['p1'], guardrails: ['g1'] }, previousReferences: { ...none, virtualKeys: ['vk-a'], guardrails: ['g1'] } }));
    expect([...docs.values()].map((d) => [d.kind, d.ref]).sort()).toEqual([['guardrail', 'g1'], ['provider', 'p1']]);
    apply(docs, event('ConfigDeleted', { ...ids, references: { ...none, providers: ['p1'], guardrails: ['g1'] } }));
    expect(docs.size).toBe(0);
  });
});

describe('workspace default references read model', () => {
  it('keeps a document only while the defaults name a config or guardrails', () => {
    const created = event('WorkspaceCreated', { workspaceId: 'w1', orgId: 'o1', defaults: { user_api_key_config: 'pc-a-000000', input_guardrails: ['g1', { id: 'g2' }] } });
    const doc = workspaceDefaultRefsProjection.evolve(null, created, 'w1');
    expect(doc).toEqual({ _id: 'w1', orgId: 'o1', userApiKeyConfig: 'pc-a-000000', guardrails: '\ng1\n\ng2\n' });
    const unrelated = event('WorkspaceUpdated', { workspaceId: 'w1', orgId: 'o1', changes: { name: 'x' } });
    expect(workspaceDefaultRefsProjection.keysOf(unrelated)).toEqual([]);
    const cleared = event('WorkspaceUpdated', { workspaceId: 'w1', orgId: 'o1', changes: { defaults: { metadata: { a: 'b' } } } });
    expect(workspaceDefaultRefsProjection.evolve(doc, cleared, 'w1')).toBeNull();
  });
});
