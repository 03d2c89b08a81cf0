/** Event payloads of feedback (analytics service). Stream: `feedback-<id>`. */
export interface FeedbackCreated {
  feedbackId: string;
  orgId: string;
  workspaceId: string;
  traceId: string;
  value: number;
  weight: number;
  /** The client's metadata object as JSON text (free-form; projectors keep it opaque). */
  metadataJson: string;
  by: string;
  at: string;
}

export interface FeedbackUpdated {
  feedbackId: string;
  orgId: string;
  workspaceId: string;
  traceId: string;
  value: number;
  weight: number;
  metadataJson: string;
  at: string;
}
