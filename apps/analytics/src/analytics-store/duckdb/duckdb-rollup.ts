import type { AggregateQuery, Measure } from '../analytics-store.port.js';
import { ms, orgWorkspacesSql, Params } from './duckdb-filter.js';

export const HOUR = 3600_000;

/**
 * Hourly totals per (organisation, workspace): what the dashboards' default graphs (tenancy and
 * time, nothing else) read instead of every log. Written in the ingestion transaction from the
 * logs that transaction adds, so it is exactly the sum of the stored logs. Latency is whole ms, so
 * its sums are exact; percentiles and distinct users do not decompose and stay on `logs`.
 */
export const CREATE_ROLLUP = `CREATE TABLE IF NOT EXISTS hourly (
  org_id VARCHAR NOT NULL, workspace_id VARCHAR NOT NULL, hour BIGINT NOT NULL,
  requests BIGINT, cost DOUBLE, tokens DOUBLE, prompt_tokens DOUBLE, completion_tokens DOUBLE, latency_sum BIGINT,
  errors BIGINT, simple_hits BIGINT, semantic_hits BIGINT, hit_latency_sum BIGINT, simple_savings DOUBLE, semantic_savings DOUBLE,
  retried BIGINT, retry_succeeded BIGINT, fallback BIGINT, fallback_succeeded BIGINT, last_seen BIGINT,
  PRIMARY KEY (org_id, workspace_id, hour))`;

const SUMS = [
  ['requests', 'count(*)'], ['cost', 'sum(cost_cents)'], ['tokens', 'sum(total_tokens)'], ['prompt_tokens', 'sum(prompt_tokens)'],
  ['completion_tokens', 'sum(completion_tokens)'], ['latency_sum', 'sum(latency_ms)'], ['errors', 'count(*) FILTER (WHERE status >= 400)'],
  ['simple_hits', `count(*) FILTER (WHERE cache_status = 'HIT')`], ['semantic_hits', `count(*) FILTER (WHERE cache_status = 'SEMANTIC_HIT')`],
  ['hit_latency_sum', `coalesce(sum(latency_ms) FILTER (WHERE cache_status IN ('HIT', 'SEMANTIC_HIT')), 0)`],
  ['simple_savings', `coalesce(sum(saved_cents) FILTER (WHERE cache_status = 'HIT'), 0)`], ['semantic_savings', `coalesce(sum(saved_cents) FILTER (WHERE cache_status = 'SEMANTIC_HIT'), 0)`],
  ['retried', 'count(*) FILTER (WHERE retries > 0)'], ['retry_succeeded', 'count(*) FILTER (WHERE retries > 0 AND status < 400)'],
  ['fallback', 'count(*) FILTER (WHERE fallback_index > 0)'], ['fallback_succeeded', 'count(*) FILTER (WHERE fallback_index > 0 AND status < 400)'],
] as const;

/** Adds the logs of `source` (the rows this transaction inserts) to their hours. */
export const ADD_TO_ROLLUP = (source: string) =>
  `INSERT INTO hourly SELECT org_id, workspace_id, at_ms // ${HOUR} AS hour, ${SUMS.map(([c, e]) => `${e} AS ${c}`).join(', ')}, max(at_ms) AS last_seen
   FROM ${source} GROUP BY ALL
   ON CONFLICT (org_id, workspace_id, hour) DO UPDATE SET ${SUMS.map(([c]) => `${c} = hourly.${c} + EXCLUDED.${c}`).join(', ')}, last_seen = greatest(hourly.last_seen, EXCLUDED.last_seen)`;

const HITS = '(sum(simple_hits) + sum(semantic_hits))';
const ROLLUP_MEASURES: Partial<Record<Measure, string>> = {
  requests: 'sum(requests)',
  cost: 'sum(cost)',
  tokens: 'sum(tokens)',
  promptTokens: 'sum(prompt_tokens)',
  completionTokens: 'sum(completion_tokens)',
  latencyAvg: 'sum(latency_sum) / sum(requests)',
  errors: 'sum(errors)',
  cacheSimpleHits: 'sum(simple_hits)',
  cacheSemanticHits: 'sum(semantic_hits)',
  cacheHitLatencyAvg: `sum(hit_latency_sum) / nullif(${HITS}, 0)`,
  cacheMissLatencyAvg: `(sum(latency_sum) - sum(hit_latency_sum)) / nullif(sum(requests) - ${HITS}, 0)`,
  cacheSimpleSavings: 'sum(simple_savings)',
  cacheSemanticSavings: 'sum(semantic_savings)',
  retried: 'sum(retried)',
  retrySucceeded: 'sum(retry_succeeded)',
  fallback: 'sum(fallback)',
  fallbackSucceeded: 'sum(fallback_succeeded)',
  lastSeen: 'max(last_seen)',
};

const aligned = (v: number) => Number.isSafeInteger(v) && v % HOUR === 0;

/** Whether the rollup answers `q` exactly: logs, tenancy and whole hours only, decomposable measures, no group but the workspace. */
export function rollupAnswers(q: AggregateQuery, measures: Measure[]): boolean {
  const { orgId: _o, workspaceIds: _w, from, to, ...rest } = q.filter;
  const narrowed = Object.values(rest).some((v) => v !== undefined && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && Object.values(v).every((x) => x === undefined)));
  return (
    q.source === 'logs' && !narrowed && aligned(from) && aligned(to) &&
    (!q.bucket || (aligned(q.bucket.start) && aligned(q.bucket.width) && q.bucket.width > 0 && Number.isSafeInteger(q.bucket.start + q.bucket.width * q.bucket.count))) &&
    (!q.groupBy || q.groupBy === 'workspace') && measures.every((m) => ROLLUP_MEASURES[m] !== undefined)
  );
}

/** The query over `hourly`, with the same cell columns as the one over `logs`. */
export function rollupSql(q: AggregateQuery, measures: Measure[], p: Params): string {
  const h = (v: number) => ms(p, v / HOUR);
  const where = [...orgWorkspacesSql(q.filter, p), `hour >= ${h(q.filter.from)}`, `hour < ${h(q.filter.to)}`];
  let bucket = 'NULL';
  if (q.bucket) {
    where.push(`hour >= ${h(q.bucket.start)}`, `hour < ${h(q.bucket.start + q.bucket.width * q.bucket.count)}`);
    bucket = `(hour - ${h(q.bucket.start)}) // ${h(q.bucket.width)}`;
  }
  const group = q.groupBy === 'workspace' ? 'workspace_id' : 'NULL';
  const keys = [...(q.bucket ? ['b'] : []), ...(q.groupBy ? ['g'] : [])];
  const select = [`${bucket} AS b`, `${group} AS g`, ...measures.map((m, i) => `CAST(${ROLLUP_MEASURES[m]} AS DOUBLE) AS m${i}`), 'count(*) AS m_count'];
  return `SELECT * FROM (SELECT ${select.join(', ')} FROM hourly WHERE ${where.join(' AND ')}${keys.length ? ` GROUP BY ${keys.join(', ')}` : ''}) cells WHERE m_count > 0`;
}
