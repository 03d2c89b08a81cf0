import type { FeedbackEvents } from '#libs/contracts';
import type { SubscribedEvent } from '#libs/event-store';
import type { AnalyticsFeedback } from './analytics-store.port.js';

/** When a feedback was created (epoch ms), from outside the batch: null when it never was. */
export type CreatedAtOf = (feedbackId: string) => Promise<number | null>;

const isFeedbackStream = (streamName: string) => streamName.startsWith('feedback-');

/**
 * The feedback a batch of the event feed leaves behind, one entry per feedback id (the last state
 * wins, so an upsert of the batch is order-free). An update keeps the creation time, looked up in
 * the batch first, else with `createdAtOf`; an update of an unknown feedback is dropped, as the
 * feedback projection drops it.
 */
export async function feedbackChanges(batch: SubscribedEvent[], createdAtOf: CreatedAtOf): Promise<AnalyticsFeedback[]> {
  const byId = new Map<string, AnalyticsFeedback>();
  for (const { event } of batch) {
    if (!isFeedbackStream(event.streamName)) continue;
    if (event.type === 'FeedbackCreated') {
      const d = event.data as FeedbackEvents.FeedbackCreated;
      byId.set(d.feedbackId, { id: d.feedbackId, orgId: d.orgId, workspaceId: d.workspaceId, traceId: d.traceId, value: d.value, weight: d.weight, at: Date.parse(d.at) });
    } else if (event.type === 'FeedbackUpdated') {
      const d = event.data as FeedbackEvents.FeedbackUpdated;
      const at = byId.get(d.feedbackId)?.at ?? (await createdAtOf(d.feedbackId));
      if (at === null || !Number.isFinite(at)) continue;
      byId.set(d.feedbackId, { id: d.feedbackId, orgId: d.orgId, workspaceId: d.workspaceId, traceId: d.traceId, value: d.value, weight: d.weight, at });
    }
  }
  return [...byId.values()];
}
