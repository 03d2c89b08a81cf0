/**
 * The DuckDB file's tables. Columns mirror `AnalyticsLog` one for one (snake case; `at` is a
 * reserved word, hence `at_ms`). Metadata is a MAP(VARCHAR, VARCHAR): `metadata[$key]` is a
 * dictionary lookup per row, with the key bound as a parameter, where JSON would parse every
 * document on every query (see docs/benchmarks.md, Analytics).
 */
export const LOG_COLUMNS = [
  'id', 'seq', 'at_ms', 'org_id', 'workspace_id', 'workspace_slug', 'api_key_id', 'analytics_user', 'virtual_key', 'provider_slug',
  'config_slug', 'prompt_slug', 'ai_provider', 'model', 'prompt_tokens', 'completion_tokens', 'total_tokens', 'cost_cents', 'latency_ms',
  'status', 'retries', 'fallback_index', 'cache_status', 'trace_id', 'span_id', 'metadata',
] as const;

const LOG_TYPES = `
  id VARCHAR NOT NULL, seq BIGINT NOT NULL, at_ms BIGINT NOT NULL, org_id VARCHAR NOT NULL, workspace_id VARCHAR NOT NULL,
  workspace_slug VARCHAR, api_key_id VARCHAR, analytics_user VARCHAR, virtual_key VARCHAR, provider_slug VARCHAR,
  config_slug VARCHAR, prompt_slug VARCHAR, ai_provider VARCHAR, model VARCHAR, prompt_tokens DOUBLE, completion_tokens DOUBLE,
  total_tokens DOUBLE, cost_cents DOUBLE, latency_ms DOUBLE, status INTEGER, retries INTEGER, fallback_index INTEGER,
  cache_status VARCHAR, trace_id VARCHAR, span_id VARCHAR`;

const FEEDBACK_TYPES = `id VARCHAR NOT NULL, org_id VARCHAR NOT NULL, workspace_id VARCHAR NOT NULL, trace_id VARCHAR NOT NULL, value DOUBLE, weight DOUBLE, at_ms BIGINT`;

/** Idempotent: run on every open. */
export const CREATE_TABLES = [
  `CREATE TABLE IF NOT EXISTS logs (${LOG_TYPES}, metadata MAP(VARCHAR, VARCHAR))`,
  `CREATE TABLE IF NOT EXISTS feedback (${FEEDBACK_TYPES})`,
  // One row: what ingestion and the feedback feed have applied, written in the same transaction as the data.
  `CREATE TABLE IF NOT EXISTS state (one INTEGER PRIMARY KEY, log_checkpoint BIGINT NOT NULL, feedback_position BIGINT NOT NULL)`,
  `INSERT INTO state SELECT 1, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM state)`,
  // Staging for the appender, per connection and never persisted: a crash loses only what was not committed.
  // `n` keeps the batch order (the first copy of a log wins, the last copy of a feedback); metadata arrives as JSON text.
  `CREATE TEMP TABLE IF NOT EXISTS logs_in (n INTEGER, ${LOG_TYPES}, metadata VARCHAR)`,
  `CREATE TEMP TABLE IF NOT EXISTS feedback_in (n INTEGER, ${FEEDBACK_TYPES})`,
];
