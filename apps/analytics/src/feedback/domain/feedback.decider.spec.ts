import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { feedbackDecider, type FeedbackEvent } from './feedback.decider.js';

const created: FeedbackEvent = {
  type: 'FeedbackCreated',
  data: { feedbackId: 'fb_1', orgId: 'org_1', workspaceId: 'ws_a', traceId: 'tr_1', value: 3, weight: 1, metadataJson: '{"a":"b"}', by: 'key_1', at: '2026-12-02T00:00:00.000Z' },
};

describe('feedback decider', () => {
  it('an update keeps the weight and metadata it does not name', () =>
    deciderSpec(feedbackDecider)
      .given([created])
      .when({ type: 'ReviseFeedback', feedbackId: 'fb_1', workspaceId: 'ws_a', value: -2, at: '2026-12-02T00:01:00.000Z' })
      .then([{ type: 'FeedbackUpdated', data: { feedbackId: 'fb_1', orgId: 'org_1', workspaceId: 'ws_a', traceId: 'tr_1', value: -2, weight: 1, metadataJson: '{"a":"b"}', at: '2026-12-02T00:01:00.000Z' } }]));

  it("another workspace's key cannot update feedback (it is not found)", () =>
    deciderSpec(feedbackDecider)
      .given([created])
      .when({ type: 'ReviseFeedback', feedbackId: 'fb_1', workspaceId: 'ws_b', value: 1, at: 'x' })
      .thenThrows({ code: 'ANALYTICS.FEEDBACK_NOT_FOUND' }));

  it('feedback that was never given cannot be updated', () =>
    deciderSpec(feedbackDecider).given([]).when({ type: 'ReviseFeedback', feedbackId: 'fb_9', workspaceId: 'ws_a', value: 1, at: 'x' }).thenThrows({ code: 'ANALYTICS.FEEDBACK_NOT_FOUND' }));
});
