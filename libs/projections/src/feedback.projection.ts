import type { FeedbackEvents, FeedbackView } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

export interface FeedbackDoc extends ProjectedDocument {
  orgId: string;
  workspaceId: string;
  traceId: string;
  value: number;
  weight: number;
  metadataJson: string;
  by: string;
  createdAt: string;
  lastUpdatedAt: string;
}

/** Feedback by trace id: GET /v1/logs/{id} attaches the feedback of its trace. */
export const feedbackProjection: ProjectionDefinition<FeedbackDoc> = {
  name: 'feedback-projection',
  collection: 'feedback',
  categories: ['feedback'],
  source: import.meta.url,
  keysOf: (event) => [(event.data as { feedbackId: string }).feedbackId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'FeedbackCreated': {
        const d = event.data as FeedbackEvents.FeedbackCreated;
        return { _id: d.feedbackId, orgId: d.orgId, workspaceId: d.workspaceId, traceId: d.traceId, value: d.value, weight: d.weight, metadataJson: d.metadataJson, by: d.by, createdAt: d.at, lastUpdatedAt: d.at };
      }
      case 'FeedbackUpdated': {
        const d = event.data as FeedbackEvents.FeedbackUpdated;
        return doc ? { ...doc, value: d.value, weight: d.weight, metadataJson: d.metadataJson, lastUpdatedAt: d.at } : null;
      }
      default:
        return doc;
    }
  },
  indexes: {
    byTrace: ['orgId', 'workspaceId', 'traceId', 'createdAt'],
  },
};

export function toFeedbackView(doc: FeedbackDoc): FeedbackView {
  let metadata: Record<string, unknown> = {};
  try {
    metadata = JSON.parse(doc.metadataJson) as Record<string, unknown>;
  } catch {
    // stored as sent; unreadable text stays out of the view
  }
  return { id: doc._id, trace_id: doc.traceId, value: doc.value, weight: doc.weight, metadata, created_at: doc.createdAt, last_updated_at: doc.lastUpdatedAt };
}
