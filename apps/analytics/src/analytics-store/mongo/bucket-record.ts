import type { AnyBulkWriteOperation, Document } from 'mongodb';
import type { AnalyticsLog } from '../analytics-store.port.js';
import { latencyBin } from './latency-histogram.js';

/**
 * The dimensions a time bucket is keyed by (besides its start `t`), named as on the raw log: those of
 * the default dashboards (per workspace, by model and provider, errors, cache). Few on purpose: on the
 * random parity data (300,000 logs over a week) they make 1,512 day buckets, where adding api key,
 * virtual key, provider, config and prompt made 169,946 (hardly fewer than logs). Filters and groups
 * on those read raw logs.
 */
export const BUCKET_KEYS = ['orgId', 'workspaceId', 'aiProvider', 'model', 'status', 'cacheStatus'] as const;
export type BucketKeys = Pick<AnalyticsLog, (typeof BUCKET_KEYS)[number]>;

/** What a bucket sums. `hist` maps latency bins (`latency-histogram`) to counts; `users` is the set of non-null users. */
export interface BucketCounters {
  n: number;
  cost: number;
  /** Sum of `savedCents` (cache hits). */
  saved: number;
  tokens: number;
  promptTokens: number;
  completionTokens: number;
  latency: number;
  retried: number;
  fallback: number;
  lastAt: number;
  hist: Record<string, number>;
  users: string[];
}

/** One bucket document's content, or one raw log seen as a bucket of one. */
export type BucketRecord = BucketKeys & BucketCounters & { t: number };

export function recordOfLog(l: AnalyticsLog, t = l.at): BucketRecord {
  const keys = Object.fromEntries(BUCKET_KEYS.map((k) => [k, l[k]])) as BucketKeys;
  return {
    ...keys,
    t,
    n: 1,
    cost: l.costCents,
    saved: l.savedCents,
    tokens: l.totalTokens,
    promptTokens: l.promptTokens,
    completionTokens: l.completionTokens,
    latency: l.latencyMs,
    retried: l.retries > 0 ? 1 : 0,
    fallback: l.fallbackIndex > 0 ? 1 : 0,
    lastAt: l.at,
    hist: { [`b${latencyBin(l.latencyMs)}`]: 1 },
    users: l.user === null ? [] : [l.user],
  };
}

const SUMS = ['n', 'cost', 'saved', 'tokens', 'promptTokens', 'completionTokens', 'latency', 'retried', 'fallback'] as const;

/** Folds `b` into `a` (same bucket): what a batch's logs add to one bucket document. */
export function mergeRecord(a: BucketRecord, b: BucketCounters): void {
  for (const k of SUMS) a[k] += b[k];
  a.lastAt = Math.max(a.lastAt, b.lastAt);
  for (const [bin, c] of Object.entries(b.hist)) a.hist[bin] = (a.hist[bin] ?? 0) + c;
  a.users = [...new Set([...a.users, ...b.users])];
}

/** A batch's logs folded per bucket of `unitMs`; the id is the bucket start and every key. */
export function bucketsOfLogs(logs: AnalyticsLog[], unitMs: number): Map<string, BucketRecord> {
  const out = new Map<string, BucketRecord>();
  for (const l of logs) {
    const t = Math.floor(l.at / unitMs) * unitMs;
    const id = JSON.stringify([t, ...BUCKET_KEYS.map((k) => l[k])]);
    const r = recordOfLog(l, t);
    const existing = out.get(id);
    if (existing) mergeRecord(existing, r);
    else out.set(id, r);
  }
  return out;
}

/**
 * How a batch reaches the buckets. `increment`: one document per bucket, `$inc`ed (MongoDB: each
 * upsert is one indexed `_id` lookup). `append`: one document per bucket and batch, summed when
 * read (FerretDB 1.x scans its collection for every update, which makes `increment` quadratic).
 * Both are idempotent per batch, and the read path is the same: records are additive.
 */
export type BucketWrites = 'increment' | 'append';

/** The insert that adds a folded bucket as its own document; a re-applied batch collides on `_id`. */
export function bucketAppend(id: string, r: BucketRecord, batch: string): AnyBulkWriteOperation<Document> {
  return { insertOne: { document: { ...r, _id: `${id}|${batch}` as never } } };
}

/**
 * The upsert that adds a folded bucket, guarded by the batch id: a document that already took this
 * batch does not match, the upsert then collides on `_id` and the duplicate-key error is ignored,
 * so re-applying a batch after a crash never counts twice.
 */
export function bucketUpsert(id: string, r: BucketRecord, batch: string): AnyBulkWriteOperation<Document> {
  const keys = Object.fromEntries(BUCKET_KEYS.map((k) => [k, r[k]]));
  const inc: Record<string, number> = Object.fromEntries(SUMS.map((k) => [k, r[k]]));
  for (const [bin, c] of Object.entries(r.hist)) inc[`hist.${bin}`] = c;
  return {
    updateOne: {
      filter: { _id: id as never, lb: { $ne: batch } },
      update: {
        $setOnInsert: { ...keys, t: r.t },
        $inc: inc,
        $max: { lastAt: r.lastAt },
        $set: { lb: batch },
        ...(r.users.length ? { $addToSet: { users: { $each: r.users } } } : {}),
      },
      upsert: true,
    },
  };
}
