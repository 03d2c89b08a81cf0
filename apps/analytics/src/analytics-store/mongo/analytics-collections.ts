import type { Collection, Document, IndexDescription } from 'mongodb';

export const LOGS = 'analytics_logs';
export const FEEDBACK = 'analytics_feedback';
export const STATE = 'analytics_state';

/** The rollup units, largest first: the planner covers a range with the largest that fit. */
export const ROLLUPS = [
  { unit: 'day', ms: 86_400_000, collection: 'analytics_buckets_day' },
  { unit: 'hour', ms: 3_600_000, collection: 'analytics_buckets_hour' },
  { unit: 'minute', ms: 60_000, collection: 'analytics_buckets_minute' },
] as const;
export type RollupUnit = (typeof ROLLUPS)[number]['unit'];
export const bucketCollection = (unit: RollupUnit) => ROLLUPS.find((r) => r.unit === unit)!.collection;

/**
 * The declared indexes, created at open (createIndexes is idempotent for an identical spec).
 * Every query the store sends leads with tenancy (org, workspace) then a time range or a trace:
 * - `by_tenant_time` on logs, buckets and feedback serves every aggregate read (raw path, bucket
 *   path, feedback graphs); further equality filters are applied on the index range's documents.
 * - `by_trace` on logs serves the trace-model join of feedback graphs; on feedback it serves the
 *   weighted-feedback lookup of a workspace's traces.
 * - `by_batch` finds the raw logs of an interrupted batch, to finish its bucket writes (recovery).
 */
export const INDEXES: Record<string, IndexDescription[]> = {
  [LOGS]: [
    { name: 'by_tenant_time', key: { orgId: 1, workspaceId: 1, at: 1 } },
    { name: 'by_trace', key: { orgId: 1, workspaceId: 1, traceId: 1, at: 1 } },
    { name: 'by_batch', key: { b: 1 } },
  ],
  [FEEDBACK]: [
    { name: 'by_tenant_time', key: { orgId: 1, workspaceId: 1, at: 1 } },
    { name: 'by_trace', key: { orgId: 1, workspaceId: 1, traceId: 1 } },
  ],
  ...Object.fromEntries(ROLLUPS.map((r) => [r.collection, [{ name: 'by_tenant_time', key: { orgId: 1, workspaceId: 1, t: 1 } }]])),
};

/**
 * Creates the declared indexes a collection lacks, one by one. Idempotent by name; FerretDB 1.24
 * drops the connection on a createIndexes of several indexes that already exist, so none is re-sent.
 */
export async function ensureIndexes(collection: Collection<Document>, indexes: IndexDescription[]): Promise<void> {
  const existing = new Set((await collection.listIndexes().toArray().catch(() => [])).map((i) => i.name as string));
  for (const { key, ...options } of indexes) if (!existing.has(options.name!)) await collection.createIndex(key as Document, options);
}
