import { ns } from '../common/namespace.js';

/** Analytics (reference §2.13): one subject; the request names the graph, group or summary. */
export const AnalyticsSubjects = {
  query: ns('analytics.query'),
} as const;
