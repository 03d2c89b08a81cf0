/**
 * The DuckDB file's tables. Columns mirror `AnalyticsLog` one for one (snake case; `at` is a
 * reserved word, hence `at_ms`). Metadata is a MAP(VARCHAR, VARCHAR): `metadata[$key]` is a
 * dictionary lookup per row, with the key bound as a parameter, where JSON would parse every
 * document on every query (see docs/benchmarks.md, Analytics). Latency is whole milliseconds (the
 * gateway's `Date.now()` difference): DuckDB's quantiles sort integers several times faster than doubles.
 */
export const LOG_COLUMNS = [
  'id', 'seq', 'at_ms', 'org_id', 'workspace_id', 'workspace_slug', 'api_key_id', 'analytics_user', 'virtual_key', 'provider_slug',
  'config_slug', 'prompt_slug', 'ai_provider', 'model', 'prompt_tokens', 'completion_tokens', 'total_tokens', 'cost_cents', 'latency_ms',
  'status', 'retries', 'fallback_index', 'cache_status', 'trace_id', 'span_id', 'metadata', 'saved_cents',
] as const;

const LOG_TYPES = `
  id VARCHAR NOT NULL, seq BIGINT NOT NULL, at_ms BIGINT NOT NULL, org_id VARCHAR NOT NULL, workspace_id VARCHAR NOT NULL,
  workspace_slug VARCHAR, api_key_id VARCHAR, analytics_user VARCHAR, virtual_key VARCHAR, provider_slug VARCHAR,
  config_slug VARCHAR, prompt_slug VARCHAR, ai_provider VARCHAR, model VARCHAR, prompt_tokens DOUBLE, completion_tokens DOUBLE,
  total_tokens DOUBLE, cost_cents DOUBLE, latency_ms INTEGER, status INTEGER, retries INTEGER, fallback_index INTEGER,
  cache_status VARCHAR, trace_id VARCHAR, span_id VARCHAR`;

const FEEDBACK_TYPES = `id VARCHAR NOT NULL, org_id VARCHAR NOT NULL, workspace_id VARCHAR NOT NULL, trace_id VARCHAR NOT NULL, value DOUBLE, weight DOUBLE, at_ms BIGINT`;

/** Idempotent: run on every open. */
export const CREATE_TABLES = [
  // saved_cents last: where a file predates it, `ADD_SAVED_CENTS` appends it there.
  `CREATE TABLE IF NOT EXISTS logs (${LOG_TYPES}, metadata MAP(VARCHAR, VARCHAR), saved_cents DOUBLE DEFAULT 0)`,
  `CREATE TABLE IF NOT EXISTS feedback (${FEEDBACK_TYPES})`,
  // One row: what ingestion and the feedback feed have applied, written in the same transaction as the data.
  `CREATE TABLE IF NOT EXISTS state (one INTEGER PRIMARY KEY, log_checkpoint BIGINT NOT NULL, feedback_position BIGINT NOT NULL)`,
  `INSERT INTO state SELECT 1, 0, 0 WHERE NOT EXISTS (SELECT 1 FROM state)`,
];

// Staging for the appender, per connection and never persisted: a crash loses only what was not committed.
// `n` keeps the batch order (the first copy of a log wins, the last copy of a feedback); metadata arrives as JSON text.
// Replaced for every batch: rows deleted from a temporary table keep their memory (105 MB after 300k logs).
export const STAGE_LOGS = `CREATE OR REPLACE TEMP TABLE logs_in (n INTEGER, ${LOG_TYPES}, metadata VARCHAR, saved_cents DOUBLE)`;

/** Whether `logs` has saved_cents (a file written before cache savings were recorded lacks it), and the statement adding it. */
export const HAS_SAVED_CENTS = `SELECT count(*) FROM duckdb_columns() WHERE table_name = 'logs' AND column_name = 'saved_cents' AND schema_name = 'main'`;
export const ADD_SAVED_CENTS = 'ALTER TABLE logs ADD COLUMN saved_cents DOUBLE DEFAULT 0';
export const STAGE_FEEDBACK = `CREATE OR REPLACE TEMP TABLE feedback_in (n INTEGER, ${FEEDBACK_TYPES})`;
