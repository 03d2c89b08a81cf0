import type { Document } from 'mongodb';
import { escapeKey, unescapeKey } from '#libs/read-models';
import type { AnalyticsFeedback, AnalyticsLog } from '../analytics-store.port.js';
import { BUCKET_KEYS, type BucketRecord } from './bucket-record.js';

const mapKeys = (o: Record<string, string>, f: (k: string) => string) => Object.fromEntries(Object.entries(o).map(([k, v]) => [f(k), v]));

/** A raw log keyed by its id (a re-ingested id collides and is skipped), with the batch that stored it; metadata keys escaped. */
export const logDocument = (l: AnalyticsLog, batch: string): Document => {
  const { id, metadata, ...rest } = l;
  return { _id: id, ...rest, metadata: mapKeys(metadata, escapeKey), b: batch };
};

export const logOfDocument = (d: Document): AnalyticsLog => {
  const { _id, b: _batch, metadata, ...rest } = d;
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

/**
 * A bucket document as a record; a null key may come back absent (FerretDB drops nulls of `$setOnInsert`),
 * and a document written before cache savings were recorded has no `saved` (it saved nothing known).
 */
export const recordOfDocument = (d: Document): BucketRecord => ({
  ...(d as BucketRecord),
  saved: d.saved ?? 0,
  ...Object.fromEntries(BUCKET_KEYS.map((k) => [k, d[k] ?? null])),
  users: d.users ?? [],
  hist: d.hist ?? {},
});
