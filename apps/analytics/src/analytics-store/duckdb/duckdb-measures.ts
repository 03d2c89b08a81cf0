import type { FeedbackDimension, LogDimension, Measure } from '../analytics-store.port.js';
import type { Params } from './duckdb-filter.js';

const HIT = `cache_status IN ('HIT', 'SEMANTIC_HIT')`;
/** The percentile measures, in the order of the one `quantile_disc` list that computes them all (one sort per cell). */
export const PERCENTILES = ['latencyP50', 'latencyP90', 'latencyP95', 'latencyP99'] as const;
// Levels as DOUBLE: DuckDB's discrete quantile then picks index max(1, n - floor(n - n·q)) - 1, which
// equals the reference's nearest rank ceil(q·n) - 1 in floating point (checked for every level here and n ≤ 2,000,000).
export const PERCENTILES_SQL = 'quantile_disc(latency_ms, [0.5, 0.9, 0.95, 0.99]::DOUBLE[])';
const pct = (i: number) => `(${PERCENTILES_SQL})[${i}]`;

/**
 * Each measure as a SQL aggregate, cast to DOUBLE so every value reads back as a JS number
 * (sums of integers would be HUGEINT, i.e. bigint). Sums over no row are 0 in the reference.
 */
export const MEASURE_SQL: Record<Measure, string> = {
  requests: 'count(*)',
  cost: 'sum(cost_cents)',
  tokens: 'sum(total_tokens)',
  promptTokens: 'sum(prompt_tokens)',
  completionTokens: 'sum(completion_tokens)',
  latencyAvg: 'avg(latency_ms)',
  latencyP50: pct(1),
  latencyP90: pct(2),
  latencyP95: pct(3),
  latencyP99: pct(4),
  users: 'count(DISTINCT analytics_user)',
  errors: 'count(*) FILTER (WHERE status >= 400)',
  cacheSimpleHits: `count(*) FILTER (WHERE cache_status = 'HIT')`,
  cacheSemanticHits: `count(*) FILTER (WHERE cache_status = 'SEMANTIC_HIT')`,
  cacheHitLatencyAvg: `avg(latency_ms) FILTER (WHERE ${HIT})`,
  cacheMissLatencyAvg: `avg(latency_ms) FILTER (WHERE cache_status IS NULL OR NOT ${HIT})`,
  cacheSimpleSavings: `coalesce(sum(saved_cents) FILTER (WHERE cache_status = 'HIT'), 0)`,
  cacheSemanticSavings: `coalesce(sum(saved_cents) FILTER (WHERE cache_status = 'SEMANTIC_HIT'), 0)`,
  retried: 'count(*) FILTER (WHERE retries > 0)',
  retrySucceeded: 'count(*) FILTER (WHERE retries > 0 AND status < 400)',
  fallback: 'count(*) FILTER (WHERE fallback_index > 0)',
  fallbackSucceeded: 'count(*) FILTER (WHERE fallback_index > 0 AND status < 400)',
  firstSeen: 'min(at_ms)',
  lastSeen: 'max(at_ms)',
  withFeedback: 'count(w)',
  weightedFeedbackAvg: 'avg(w)',
  feedbacks: 'count(*)',
  feedbackValueAvg: 'avg(value)',
  feedbackWeightedAvg: 'avg(value * weight)',
};

export const measureSql = (m: Measure) => `CAST(${MEASURE_SQL[m]} AS DOUBLE)`;

/** Measures that read the trace's weighted feedback `w`. */
export const needsFeedback = (m: Measure) => m === 'withFeedback' || m === 'weightedFeedbackAvg';

/** `logGroupKey` as SQL; NULL where the reference gives null (those logs are left out). */
export function logDimensionSql(d: LogDimension, p: Params): string {
  if (d.startsWith('metadata:')) return `metadata[${p.bind(d.slice('metadata:'.length))}]`;
  switch (d) {
    case 'user': return 'analytics_user';
    case 'model': return 'model';
    case 'aiProvider': return 'ai_provider';
    case 'aiOrgModel': return `CASE WHEN ai_provider IS NOT NULL AND model IS NOT NULL THEN ai_provider || '__' || model END`;
    case 'statusCode': return 'CAST(status AS VARCHAR)';
    case 'apiKey': return 'api_key_id';
    case 'config': return 'config_slug';
    case 'workspace': return 'workspace_id';
    case 'virtualKey': return 'virtual_key';
    case 'provider': return 'coalesce(provider_slug, virtual_key)';
    case 'prompt': return 'prompt_slug';
    default: return 'CAST(NULL AS VARCHAR)';
  }
}

/** Feedback group keys: the value is grouped as a number and turned into text in JS (`String(value)`, as the reference). */
export const feedbackDimensionSql = (d: FeedbackDimension) => (d === 'feedbackValue' ? 'value' : 'trace_model');
