import type { Document } from 'mongodb';
import { escapeKey, unescapeKey } from '#libs/read-models';
import type { AnalyticsFeedback, AnalyticsLog } from '../analytics-store.port.js';
import type { BucketRecord } from './bucket-record.js';

const mapKeys = (o: Record<string, string>, f: (k: string) => string) => Object.fromEntries(Object.entries(o).map(([k, v]) => [f(k), v]));

/** A raw log keyed by its id (a re-ingested id collides and is skipped); metadata keys escaped. */
export const logDocument = (l: AnalyticsLog, pendingBatch: string): Document => {
  const { id, metadata, ...rest } = l;
  return { _id: id, ...rest, metadata: mapKeys(metadata, escapeKey), pb: pendingBatch };
};

export const logOfDocument = (d: Document): AnalyticsLog => {
  const { _id, pb: _pb, metadata, ...rest } = d;
  return { id: String(_id), ...rest, metadata: mapKeys(metadata ?? {}, unescapeKey) } as AnalyticsLog;
};

export const feedbackDocument = (f: AnalyticsFeedback): Document => {
  const { id, ...rest } = f;
  return { _id: id, ...rest };
};

export const feedbackOfDocument = (d: Document): AnalyticsFeedback => {
  const { _id, ...rest } = d;
  return { id: String(_id), ...rest } as AnalyticsFeedback;
};

export const recordOfDocument = (d: Document): BucketRecord => ({ ...(d as BucketRecord), users: d.users ?? [], hist: d.hist ?? {} });
