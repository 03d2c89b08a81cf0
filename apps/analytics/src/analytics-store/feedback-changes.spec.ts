import { describe, expect, it } from '@jest/globals';
import type { SubscribedEvent } from '#libs/event-store';
import { feedbackChanges } from './feedback-changes.js';

const event = (position: number, type: string, data: Record<string, unknown>, streamName = `feedback-${data.feedbackId}`): SubscribedEvent => ({
  event: { id: `e${position}`, type, data, metadata: {}, streamName, revision: 0, position, recordedAt: new Date(0).toISOString() },
  position,
  lastInCommit: true,
});
const created = (id: string, at: string, value = 1) => ({ feedbackId: id, orgId: 'o', workspaceId: 'w', traceId: `t-${id}`, value, weight: 1, metadataJson: '{}', by: 'k', at });
const noLookup = async () => null;

describe('feedback changes of a feed batch', () => {
  it('maps a FeedbackCreated to the store feedback, with its creation time', async () => {
    const out = await feedbackChanges([event(1, 'FeedbackCreated', created('f1', '2026-01-01T00:00:00.000Z', 5))], noLookup);
    expect(out).toEqual([{ id: 'f1', orgId: 'o', workspaceId: 'w', traceId: 't-f1', value: 5, weight: 1, at: Date.parse('2026-01-01T00:00:00.000Z') }]);
  });

  it('an update in the same batch replaces value and weight and keeps the creation time (one entry per id)', async () => {
    const out = await feedbackChanges(
      [event(1, 'FeedbackCreated', created('f1', '2026-01-01T00:00:00.000Z', 5)), event(2, 'FeedbackUpdated', { ...created('f1', '2026-02-01T00:00:00.000Z', -3), weight: 0.5 })],
      noLookup,
    );
    expect(out).toEqual([expect.objectContaining({ id: 'f1', value: -3, weight: 0.5, at: Date.parse('2026-01-01T00:00:00.000Z') })]);
  });

  it('an update of feedback created earlier takes the creation time from the lookup', async () => {
    const out = await feedbackChanges([event(9, 'FeedbackUpdated', created('f2', '2026-02-01T00:00:00.000Z', 2))], async (id) => (id === 'f2' ? 1234 : null));
    expect(out).toEqual([expect.objectContaining({ id: 'f2', value: 2, at: 1234 })]);
  });

  it('an update of feedback that was never created is dropped, like the projection drops it', async () => {
    expect(await feedbackChanges([event(9, 'FeedbackUpdated', created('f3', '2026-02-01T00:00:00.000Z'))], noLookup)).toEqual([]);
  });

  it('ignores events of other categories, even with a feedback-like type', async () => {
    const out = await feedbackChanges([event(1, 'FeedbackCreated', created('f4', '2026-01-01T00:00:00.000Z'), 'apikey-1'), event(2, 'WorkspaceCreated', { feedbackId: 'x' })], noLookup);
    expect(out).toEqual([]);
  });
});
