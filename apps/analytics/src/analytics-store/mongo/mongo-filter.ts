import type { Document } from 'mongodb';
import { escapeKey } from '#libs/read-models';
import type { AnalyticsFilter, Range } from '../analytics-store.port.js';

const listed = (list?: unknown[]) => (list?.length ? { $in: list } : undefined);
const bounded = (r?: Range) => {
  if (!r || (r.min === undefined && r.max === undefined)) return undefined;
  return { ...(r.min !== undefined ? { $gte: r.min } : {}), ...(r.max !== undefined ? { $lte: r.max } : {}) };
};
const defined = (doc: Record<string, unknown>) => Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined));

/**
 * The filter on the dimensions a time bucket keeps, in the field names shared by raw logs and
 * bucket documents. `time` is `at` on logs, `t` (the bucket start) on buckets.
 */
export function bucketDimensionQuery(f: AnalyticsFilter, time: 'at' | 't', from: number, to: number): Document {
  return defined({
    orgId: f.orgId,
    workspaceId: { $in: f.workspaceIds },
    [time]: { $gte: from, $lt: to },
    status: listed(f.statusCodes),
    cacheStatus: listed(f.cacheStatuses),
    $or: f.aiOrgModels?.length ? f.aiOrgModels.map((p) => ({ aiProvider: p.provider, model: p.model })) : undefined,
  });
}

/**
 * Everything of the filter a raw-log query can push down. The weighted-feedback bound needs the
 * feedback join and is applied in Node; so is every other condition again (`logMatches`), so this
 * only has to be a superset of the answer.
 */
export function rawLogQuery(f: AnalyticsFilter, from = f.from, to = f.to): Document {
  return defined({
    ...bucketDimensionQuery(f, 'at', from, to),
    virtualKey: listed(f.virtualKeys),
    configSlug: listed(f.configs),
    apiKeyId: listed(f.apiKeyIds),
    promptSlug: listed(f.promptSlugs),
    traceId: listed(f.traceIds),
    spanId: listed(f.spanIds),
    totalTokens: bounded(f.totalUnits),
    costCents: bounded(f.cost),
    promptTokens: bounded(f.promptTokens),
    completionTokens: bounded(f.completionTokens),
    ...Object.fromEntries(Object.entries(f.metadata ?? {}).map(([k, v]) => [`metadata.${escapeKey(k)}`, v])),
  });
}

/** Feedback graphs filter on tenancy, the feedback's own time and trace ids. */
export function feedbackQuery(f: AnalyticsFilter): Document {
  return defined({ orgId: f.orgId, workspaceId: { $in: f.workspaceIds }, at: { $gte: f.from, $lt: f.to }, traceId: listed(f.traceIds) });
}
