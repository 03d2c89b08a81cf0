import { ns } from '../common/namespace.js';

/** Feedback on traces (analytics service, reference §2.11). */
export const FeedbackSubjects = {
  create: ns('analytics.feedback.create'),
  update: ns('analytics.feedback.update'),
} as const;
