import type { RequestLog } from '#libs/request-logs';

/**
 * What the analytics store keeps of one request log: the dimensions and measures the Admin API's
 * analytics (§2.13) filter, group and aggregate on. Bodies and headers stay in the log store.
 */
export interface AnalyticsLog {
  id: string;
  /** The record's `LOGS` stream sequence: the ingest checkpoint. */
  seq: number;
  /** When the call arrived, epoch ms. */
  at: number;
  orgId: string;
  workspaceId: string;
  workspaceSlug: string;
  apiKeyId: string;
  /** Portkey's analytics user: `metadata._user`, else the key's user; null when neither. */
  user: string | null;
  virtualKey: string | null;
  providerSlug: string | null;
  configSlug: string | null;
  promptSlug: string | null;
  aiProvider: string | null;
  model: string | null;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  costCents: number;
  /** What a cache hit saved: the cost of the answer it replayed (its own `costCents` is 0); 0 otherwise. */
  savedCents: number;
  latencyMs: number;
  /** What the client got (0 never reaches here: the gateway answers 5xx then). */
  status: number;
  retries: number;
  fallbackIndex: number;
  cacheStatus: string;
  traceId: string;
  spanId: string | null;
  metadata: Record<string, string>;
}

/** One feedback (POST /v1/feedback), attached by trace id; an update replaces value/weight/metadata. */
export interface AnalyticsFeedback {
  id: string;
  orgId: string;
  workspaceId: string;
  traceId: string;
  value: number;
  weight: number;
  /** When it was created, epoch ms (updates keep it). */
  at: number;
}

export const toAnalyticsLog = (seq: number, log: RequestLog): AnalyticsLog => ({
  id: log.id,
  seq,
  at: Date.parse(log.createdAt),
  orgId: log.orgId,
  workspaceId: log.workspaceId,
  workspaceSlug: log.workspaceSlug,
  apiKeyId: log.apiKeyId,
  user: log.metadata?._user || log.userId || null,
  virtualKey: log.virtualKey,
  providerSlug: log.providerSlug,
  configSlug: log.configSlug,
  promptSlug: log.promptSlug,
  aiProvider: log.aiProvider,
  model: log.model,
  promptTokens: log.promptTokens,
  completionTokens: log.completionTokens,
  totalTokens: log.totalTokens,
  costCents: log.costCents,
  // Records written before the gateway carried it saved nothing that can be known now.
  savedCents: log.savedCents ?? 0,
  latencyMs: log.latencyMs,
  status: log.status,
  retries: log.retries,
  fallbackIndex: log.fallbackIndex,
  cacheStatus: log.cacheStatus,
  traceId: log.traceId,
  spanId: log.spanId,
  metadata: log.metadata ?? {},
});

/** An inclusive range; either end may be open. */
export interface Range {
  min?: number;
  max?: number;
}

/**
 * Which records a query covers. The caller (the analytics message controller) has already resolved
 * tenancy: `workspaceIds` is the exact set the principal may see and asked for.
 */
export interface AnalyticsFilter {
  orgId: string;
  workspaceIds: string[];
  /** Epoch ms, `from` inclusive, `to` exclusive. */
  from: number;
  to: number;
  statusCodes?: number[];
  virtualKeys?: string[];
  configs?: string[];
  apiKeyIds?: string[];
  /** `ai_org_model` pairs ("openai__gpt-4o" → { provider: 'openai', model: 'gpt-4o' }). */
  aiOrgModels?: Array<{ provider: string; model: string }>;
  traceIds?: string[];
  spanIds?: string[];
  promptSlugs?: string[];
  cacheStatuses?: string[];
  /** Every pair must equal the log's metadata value. */
  metadata?: Record<string, string>;
  totalUnits?: Range;
  /** Cents. */
  cost?: Range;
  promptTokens?: Range;
  completionTokens?: Range;
  /** On the log's weighted feedback (see `weightedFeedbackOf`); a log without feedback fails any bound. */
  weightedFeedback?: Range;
}

/**
 * Measures over logs. Every one is defined by `referenceAggregate` (the semantics every adapter must
 * reproduce; percentiles within the adapter's stated error).
 */
export type LogMeasure =
  | 'requests' // count
  | 'cost' // sum costCents
  | 'tokens' // sum totalTokens
  | 'promptTokens' // sum
  | 'completionTokens' // sum
  | 'latencyAvg'
  | 'latencyP50'
  | 'latencyP90'
  | 'latencyP95'
  | 'latencyP99'
  | 'users' // distinct non-null user
  | 'errors' // status >= 400
  | 'cacheSimpleHits' // cacheStatus HIT
  | 'cacheSemanticHits' // cacheStatus SEMANTIC_HIT
  | 'cacheHitLatencyAvg' // avg latency of HIT + SEMANTIC_HIT, null when none
  | 'cacheSimpleSavings' // sum savedCents of HIT
  | 'cacheSemanticSavings' // sum savedCents of SEMANTIC_HIT
  | 'cacheMissLatencyAvg' // avg latency of every other log, null when none
  | 'retried' // retries > 0
  | 'retrySucceeded' // retries > 0 and status < 400
  | 'fallback' // fallbackIndex > 0
  | 'fallbackSucceeded' // fallbackIndex > 0 and status < 400
  | 'firstSeen' // min at
  | 'lastSeen' // max at
  | 'withFeedback' // logs whose trace has feedback
  | 'weightedFeedbackAvg'; // avg of weightedFeedbackOf over logs with feedback, null when none

/** Measures over feedback (source 'feedback'): the feedback's own `at` is in range. */
export type FeedbackMeasure =
  | 'feedbacks' // count
  | 'feedbackValueAvg'
  | 'feedbackWeightedAvg'; // avg of value * weight

export type Measure = LogMeasure | FeedbackMeasure;

/** Group keys over logs; `metadata:<key>` groups by that metadata value. Records whose key is null are left out. */
export type LogDimension =
  | 'user'
  | 'model'
  | 'aiProvider'
  | 'aiOrgModel' // `${aiProvider}__${model}`
  | 'statusCode'
  | 'apiKey'
  | 'config'
  | 'workspace' // workspaceId
  | 'virtualKey'
  | 'provider' // providerSlug, else virtualKey
  | 'prompt'
  | `metadata:${string}`;

/** Group keys over feedback: its value (as text), or the model of its trace (`traceModelOf`). */
export type FeedbackDimension = 'feedbackValue' | 'traceModel';

/** Fixed-width buckets: bucket i covers [start + i*width, start + (i+1)*width). */
export interface BucketSpec {
  start: number;
  width: number;
  count: number;
}

export interface AggregateQuery {
  source: 'logs' | 'feedback';
  filter: AnalyticsFilter;
  measures: Measure[];
  bucket?: BucketSpec;
  groupBy?: LogDimension | FeedbackDimension;
  /** Groups only (no bucket): order, then page. Default: `requests` (or `feedbacks`) desc; ties by group key asc. */
  order?: { measure: Measure; direction: 'asc' | 'desc' };
  /** 0-based page of groups. */
  page?: { index: number; size: number };
}

/** One bucket, one group, one (bucket, group) pair, or the whole range (neither). */
export interface AggregateRow {
  bucket?: number;
  group?: string;
  values: Partial<Record<Measure, number | null>>;
}

export interface AggregateResult {
  /** Only non-empty buckets and groups; sorted by bucket, then by the order. */
  rows: AggregateRow[];
  /** With `groupBy`: how many groups in all (before paging). */
  totalGroups?: number;
}

/** The analytics store port: the embedded DuckDB file, or MongoDB raw logs + time buckets. */
export interface AnalyticsStore {
  readonly name: string;
  /** Relative error of latency percentiles against `referenceAggregate` (0 = exact). */
  readonly percentileRelativeError: number;
  open(): Promise<void>;
  close(): Promise<void>;
  /** Highest `LOGS` sequence applied (0 when empty): ingestion resumes after it. */
  checkpoint(): Promise<number>;
  /** Applies logs idempotently (a known id is skipped) together with the checkpoint, atomically. */
  ingestLogs(logs: AnalyticsLog[]): Promise<void>;
  /** Inserts or replaces feedback and records `position` (the event feed position, 0 = none) with them, atomically. */
  upsertFeedback(feedback: AnalyticsFeedback[], position: number): Promise<void>;
  feedbackPosition(): Promise<number>;
  /** Newest `at` stored (for `x-portcullis-analytics-lag`), null when empty. */
  newestAt(): Promise<number | null>;
  aggregate(query: AggregateQuery): Promise<AggregateResult>;
  /** Drops everything (rebuild). */
  clear(): Promise<void>;
  /** Bytes on disk (bench), when known. */
  sizeBytes(): Promise<number | null>;
}
