/**
 * One record per call through the data plane (ARCHITECTURE.md §6): telemetry, not a domain event.
 * The gateway publishes it to the JetStream `LOGS` stream off the response path; the analytics
 * service stores it (logs by id, exports, analytics). Bodies and headers are redacted and bounded
 * before they get here; no provider secret or caller key is ever part of a record.
 */
export interface RequestLog {
  /** Log id (uuid): `GET /v1/logs/{id}`. */
  id: string;
  /** When the call arrived (RFC 3339, ms). */
  createdAt: string;
  orgId: string;
  workspaceId: string;
  workspaceSlug: string;
  /** The workspace key that made the call, and its user (user keys). */
  apiKeyId: string;
  userId: string | null;
  /** `chat.completions` | `completions` | `embeddings` | `prompts.completions` | `external` (POST /v1/logs). */
  route: string;
  /** What the call went through (slugs, as clients name them), when it did. */
  virtualKey: string | null;
  providerSlug: string | null;
  configSlug: string | null;
  promptSlug: string | null;
  promptVersionId: string | null;
  /** The AI provider (`openai`, `anthropic`, `azure-openai` …) and model actually used. */
  aiProvider: string | null;
  model: string | null;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** From the price table in the repository; cents (Portkey's analytics unit). */
  costCents: number;
  /** A cache hit: what the replayed answer cost when it was made (the hit itself costs 0). Absent on older records. */
  savedCents?: number;
  latencyMs: number;
  /** The upstream's status of the attempt that answered (0: no answer, e.g. a timeout). */
  upstreamStatus: number;
  /** What the client got. */
  status: number;
  retries: number;
  /** Index of the config target that answered (`x-portkey-last-used-option-index`). */
  fallbackIndex: number;
  cacheStatus: 'HIT' | 'MISS' | 'DISABLED' | 'SEMANTIC_HIT';
  stream: boolean;
  traceId: string;
  spanId: string | null;
  spanName: string | null;
  /** `x-portkey-metadata`: a flat map of strings. */
  metadata: Record<string, string>;
  request: { url: string; method: string; headers: Record<string, string>; body: unknown };
  response: { status: number; headers: Record<string, string>; body: unknown; responseTimeMs: number };
}

/** The subject a workspace's records go to (one stream, many workspaces). */
export const logSubject = (prefix: string, workspaceId: string) => `${prefix}.${workspaceId}`;
