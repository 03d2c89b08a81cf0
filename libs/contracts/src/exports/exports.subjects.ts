import { ns } from '../common/namespace.js';

/** Log exports (analytics service, reference §2.12). */
export const LogExportsSubjects = {
  create: ns('analytics.export.create'),
  update: ns('analytics.export.update'),
  start: ns('analytics.export.start'),
  cancel: ns('analytics.export.cancel'),
  list: ns('analytics.exports.list'),
  get: ns('analytics.exports.get'),
  download: ns('analytics.exports.download'),
  /** A piece of an export's file, for the gateway to stream (`offset`, at most `length` bytes, base64). */
  chunk: ns('analytics.exports.chunk'),
} as const;
