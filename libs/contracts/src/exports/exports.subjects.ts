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
  /**
   * A piece of an export's file (base64 from `offset`), for the gateway to stream: on the subject of
   * the analytics replica that wrote the file (each replica keeps its own files).
   */
  chunkOn: (replica: string) => ns(`analytics.exports.chunk.${replica}`),
} as const;
