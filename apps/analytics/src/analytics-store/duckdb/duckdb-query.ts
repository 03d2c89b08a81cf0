import type { AggregateQuery, FeedbackDimension, LogDimension, Measure } from '../analytics-store.port.js';
import { feedbackFilterSql, filtersOnFeedback, logFilterSql, ms, orgWorkspacesSql, Params } from './duckdb-filter.js';
import { feedbackDimensionSql, logDimensionSql, measureSql, needsFeedback } from './duckdb-measures.js';

export interface SqlQuery {
  text: string;
  params: Array<string | number | bigint>;
  /** Column alias of each measure, in order. */
  measures: Measure[];
}

/** The measures to compute: those asked for, plus the order measure of a paged group list (dropped after ordering). */
export function wantedMeasures(q: AggregateQuery): Measure[] {
  const order = q.order?.measure ?? (q.source === 'logs' ? 'requests' : 'feedbacks');
  return [...new Set<Measure>([...q.measures, ...(q.groupBy && !q.bucket ? [order] : [])])];
}

/**
 * One aggregate query as one parameterised SELECT: a row per non-empty (bucket, group) cell with
 * columns `b`, `g`, `m0…mN`. Ordering and paging of groups happen in JS on these rows
 * (`duckdb-rows.ts`), with exactly the reference's comparator.
 */
export function toSql(q: AggregateQuery): SqlQuery {
  const p = new Params();
  const measures = wantedMeasures(q);
  const ctes: string[] = [];
  let from: string;
  const where: string[] = [];
  let group: string | null = null;
  if (q.source === 'logs') {
    const joinFeedback = filtersOnFeedback(q.filter) || measures.some(needsFeedback);
    if (joinFeedback) {
      // A log's weighted feedback: mean of value × weight over its trace's feedback (any time).
      ctes.push(`wf AS (SELECT org_id, workspace_id, trace_id, avg(value * weight) AS w FROM feedback WHERE ${tenancyOnly(q, p)} GROUP BY ALL)`);
      from = 'logs LEFT JOIN wf USING (org_id, workspace_id, trace_id)';
    } else from = 'logs';
    where.push(...logFilterSql(q.filter, p));
    if (q.groupBy) group = logDimensionSql(q.groupBy as LogDimension, p);
  } else {
    const byModel = q.groupBy === 'traceModel';
    if (byModel) {
      // The model of a trace: its earliest log, ties by the smallest id, over every stored log of the tenancy.
      ctes.push(`tm AS (SELECT org_id, workspace_id, trace_id, first(model ORDER BY at_ms, id) AS trace_model FROM logs WHERE ${tenancyOnly(q, p)} GROUP BY ALL)`);
      ctes.push(`fb AS (SELECT feedback.*, tm.trace_model FROM feedback LEFT JOIN tm USING (org_id, workspace_id, trace_id))`);
      from = 'fb';
    } else from = 'feedback';
    where.push(...feedbackFilterSql(q.filter, p));
    if (q.groupBy) group = feedbackDimensionSql(q.groupBy as FeedbackDimension);
  }
  let bucket: string | null = null;
  if (q.bucket) {
    // Same arithmetic as the reference: floor((at - start) / width) in floating point.
    bucket = `CAST(floor((at_ms - ${p.bind(q.bucket.start)}::DOUBLE) / ${p.bind(q.bucket.width)}::DOUBLE) AS BIGINT)`;
    where.push(`at_ms >= ${ms(p, q.bucket.start)}`);
  }
  const select = [
    bucket ? `${bucket} AS b` : 'NULL AS b',
    group ? `${group} AS g` : 'NULL AS g',
    ...measures.map((m, i) => `${measureSql(m)} AS m${i}`),
    'count(*) AS m_count',
  ];
  const keys = [...(bucket ? ['b'] : []), ...(group ? ['g'] : [])];
  const inner = `SELECT ${select.join(', ')} FROM ${from} WHERE ${where.join(' AND ')}${keys.length ? ` GROUP BY ${keys.join(', ')}` : ''}`;
  const outer: string[] = [];
  if (bucket) outer.push(`b < ${p.bind(q.bucket!.count)}`);
  if (group) outer.push('g IS NOT NULL');
  // Without keys an aggregate over nothing still yields one row; the reference yields none.
  if (!keys.length) outer.push('m_count > 0');
  const text = `${ctes.length ? `WITH ${ctes.join(', ')} ` : ''}SELECT * FROM (${inner}) cells${outer.length ? ` WHERE ${outer.join(' AND ')}` : ''}`;
  return { text, params: p.values, measures };
}

const tenancyOnly = (q: AggregateQuery, p: Params) => orgWorkspacesSql(q.filter, p).join(' AND ');
