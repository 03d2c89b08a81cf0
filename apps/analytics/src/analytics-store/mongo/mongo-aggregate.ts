import type { Collection, Document } from 'mongodb';
import type { AggregateQuery, AggregateResult, AnalyticsFeedback, AnalyticsLog } from '../analytics-store.port.js';
import { logMatches, referenceAggregate } from '../reference-aggregate.js';
import type { RollupUnit } from './analytics-collections.js';
import { feedbackOfDocument, logOfDocument, recordOfDocument } from './analytics-documents.js';
import type { Segment } from './aggregate-plan.js';
import { rowsOfRecords } from './bucket-cells.js';
import { recordOfLog, type BucketRecord } from './bucket-record.js';
import { bucketDimensionQuery, feedbackQuery, rawLogQuery } from './mongo-filter.js';

export interface StoreCollections {
  logs: Collection<Document>;
  feedback: Collection<Document>;
  buckets(unit: RollupUnit): Collection<Document>;
}

const TRACE_CHUNK = 500;
const needsFeedbackJoin = (q: AggregateQuery) =>
  [...q.measures, q.order?.measure].some((m) => m === 'withFeedback' || m === 'weightedFeedbackAvg') ||
  q.filter.weightedFeedback?.min !== undefined || q.filter.weightedFeedback?.max !== undefined;

/** The logs of the feedback's traces (what `traceModels` needs: time, id and model). */
async function logsOfTraces(c: StoreCollections, orgId: string, fbs: AnalyticsFeedback[]): Promise<AnalyticsLog[]> {
  const byWorkspace = new Map<string, Set<string>>();
  for (const f of fbs) byWorkspace.set(f.workspaceId, (byWorkspace.get(f.workspaceId) ?? new Set()).add(f.traceId));
  const out: AnalyticsLog[] = [];
  for (const [workspaceId, traces] of byWorkspace) {
    const ids = [...traces];
    for (let i = 0; i < ids.length; i += TRACE_CHUNK) {
      const docs = await c.logs.find({ orgId, workspaceId, traceId: { $in: ids.slice(i, i + TRACE_CHUNK) } }, { projection: { orgId: 1, workspaceId: 1, traceId: 1, at: 1, model: 1 } }).toArray();
      out.push(...docs.map(logOfDocument));
    }
  }
  return out;
}

/**
 * The raw path: the filter pushed down as far as it goes, the matching records reduced in Node by
 * the reference definition itself (exact percentiles; every condition is re-checked there).
 */
export async function rawAggregate(c: StoreCollections, q: AggregateQuery): Promise<AggregateResult> {
  if (q.source === 'feedback') {
    const fbs = (await c.feedback.find(feedbackQuery(q.filter)).toArray()).map(feedbackOfDocument);
    const logs = q.groupBy === 'traceModel' ? await logsOfTraces(c, q.filter.orgId, fbs) : [];
    return referenceAggregate(logs, fbs, q);
  }
  const logs = (await c.logs.find(rawLogQuery(q.filter)).toArray()).map(logOfDocument);
  const fbs = needsFeedbackJoin(q) && logs.length
    ? (await c.feedback.find({ orgId: q.filter.orgId, workspaceId: { $in: q.filter.workspaceIds } }).toArray()).map(feedbackOfDocument)
    : [];
  return referenceAggregate(logs, fbs, q);
}

/** The bucket path: each segment from its rollup (or raw logs at unaligned edges), folded alike. */
export async function bucketAggregate(c: StoreCollections, q: AggregateQuery, segments: Segment[]): Promise<AggregateResult> {
  const records: BucketRecord[] = [];
  const none = new Map<string, number>();
  for (const s of segments) {
    if (s.source === 'raw') {
      const logs = (await c.logs.find(rawLogQuery(q.filter, s.from, s.to)).toArray()).map(logOfDocument);
      for (const l of logs) if (logMatches(q.filter, l, none)) records.push(recordOfLog(l));
    } else {
      const docs = await c.buckets(s.source).find(bucketDimensionQuery(q.filter, 't', s.from, s.to)).toArray();
      records.push(...docs.map(recordOfDocument));
    }
  }
  return rowsOfRecords(records, q);
}
