import type { IndexDescription } from 'mongodb';

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
 * - `pending` (sparse) finds raw logs whose bucket increments were not confirmed (crash recovery).
 */
export const INDEXES: Record<string, IndexDescription[]> = {
  [LOGS]: [
    { name: 'by_tenant_time', key: { orgId: 1, workspaceId: 1, at: 1 } },
    { name: 'by_trace', key: { orgId: 1, workspaceId: 1, traceId: 1, at: 1 } },
    { name: 'pending', key: { pb: 1 }, sparse: true },
  ],
  [FEEDBACK]: [
    { name: 'by_tenant_time', key: { orgId: 1, workspaceId: 1, at: 1 } },
    { name: 'by_trace', key: { orgId: 1, workspaceId: 1, traceId: 1 } },
  ],
  ...Object.fromEntries(ROLLUPS.map((r) => [r.collection, [{ name: 'by_tenant_time', key: { orgId: 1, workspaceId: 1, t: 1 } }]])),
};
