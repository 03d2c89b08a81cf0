import { ns } from '../common/namespace.js';

/** Request logs kept by the analytics service (reference §2.11). */
export const LogsSubjects = {
  get: ns('analytics.logs.get'),
  insert: ns('analytics.log.insert'),
} as const;
