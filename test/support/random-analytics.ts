import type { AnalyticsFeedback, AnalyticsLog } from '../../apps/analytics/src/analytics-store/analytics-store.port.js';

export interface RandomAnalyticsOptions {
  logs: number;
  seed?: number;
  orgId?: string;
  workspaces?: number;
  /** Epoch ms of the first log; logs spread over `spanMs`. */
  startMs?: number;
  spanMs?: number;
  /** Share of traces that receive feedback (0..1). */
  feedbackShare?: number;
}

export interface RandomAnalytics {
  orgId: string;
  workspaceIds: string[];
  logs: AnalyticsLog[];
  feedback: AnalyticsFeedback[];
  startMs: number;
  endMs: number;
}

/** mulberry32: small, fast and the same on every run for a seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MODELS: Array<[string, string]> = [['openai', 'gpt-4o'], ['openai', 'gpt-4o-mini'], ['anthropic', 'claude-3-5-sonnet'], ['groq', 'llama-3.1-70b'], ['azure-openai', 'gpt-4o']];
const STATUSES = [200, 200, 200, 200, 200, 200, 200, 200, 429, 500, 503, 400, 412];
const CACHE = ['MISS', 'MISS', 'MISS', 'HIT', 'DISABLED', 'SEMANTIC_HIT'];

interface TraceRef {
  workspaceId: string;
  traceId: string;
  at: number;
}

interface Gen {
  r: () => number;
  pick: <T>(xs: readonly T[]) => T;
  orgId: string;
  workspaceIds: string[];
  startMs: number;
  spanMs: number;
}

function generator(options: RandomAnalyticsOptions): Gen {
  const r = rng(options.seed ?? 42);
  return {
    r,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!,
    orgId: options.orgId ?? 'org-analytics',
    workspaceIds: Array.from({ length: options.workspaces ?? 4 }, (_, i) => `ws-${i}`),
    startMs: options.startMs ?? Date.parse('2026-11-01T00:00:00.000Z'),
    spanMs: options.spanMs ?? 7 * 24 * 3600_000,
  };
}

/** Log `i`; `at` overrides the random time (the random draw still happens, so the rest stays the same). `traces` gains its trace when new. */
function nextLog(g: Gen, i: number, traces: TraceRef[], at?: number): AnalyticsLog {
  const { r, pick, orgId, workspaceIds, startMs, spanMs } = g;
  const workspaceId = pick(workspaceIds);
  const reuse = traces.length > 0 && r() < 0.3 ? traces[Math.floor(r() * traces.length)]! : null;
  const traceId = reuse && reuse.workspaceId === workspaceId ? reuse.traceId : `trace-${i}`;
  const drawn = startMs + Math.floor(r() * spanMs);
  at ??= drawn;
  if (traceId === `trace-${i}`) traces.push({ workspaceId, traceId, at });
  const [aiProvider, model] = r() < 0.03 ? [null, null] : pick(MODELS);
  const status = pick(STATUSES);
  const promptTokens = status >= 400 ? 0 : Math.floor(r() * 2000);
  const completionTokens = status >= 400 ? 0 : Math.floor(r() * 800);
  const cacheStatus = status >= 400 ? 'MISS' : pick(CACHE);
  // A hit costs nothing and saves what the replayed answer cost (as the gateway records it).
  const hit = cacheStatus === 'HIT' || cacheStatus === 'SEMANTIC_HIT';
  const drawnCost = Math.round(r() * 5000) / 1000;
  const metadata: Record<string, string> = {};
  if (r() < 0.7) metadata.env = pick(['prod', 'staging', 'dev']);
  if (r() < 0.4) metadata.team = pick(['search', 'support', 'billing', 'ml']);
  if (r() < 0.5) metadata._user = `u-${Math.floor(r() * 40)}`;
  return {
    id: `log-${String(i).padStart(7, '0')}`,
    seq: i + 1,
    at,
    orgId,
    workspaceId,
    workspaceSlug: `slug-${workspaceId}`,
    apiKeyId: `key-${workspaceId}-${Math.floor(r() * 5)}`,
    user: metadata._user ?? (r() < 0.3 ? `usr-${Math.floor(r() * 10)}` : null),
    virtualKey: r() < 0.6 ? pick(['vk-main', 'vk-backup', 'vk-eu']) : null,
    providerSlug: r() < 0.3 ? pick(['@openai-prod', '@anthropic']) : null,
    configSlug: r() < 0.4 ? pick(['cfg-fallback', 'cfg-lb', 'cfg-cache']) : null,
    promptSlug: r() < 0.2 ? pick(['prompt-welcome', 'prompt-summary']) : null,
    aiProvider,
    model,
    promptTokens,
    completionTokens,
    totalTokens: promptTokens + completionTokens,
    costCents: hit ? 0 : drawnCost,
    savedCents: hit ? drawnCost : 0,
    latencyMs: Math.round(20 + r() ** 3 * 4000),
    status,
    retries: r() < 0.1 ? 1 + Math.floor(r() * 3) : 0,
    fallbackIndex: r() < 0.08 ? 1 : 0,
    cacheStatus,
    traceId,
    spanId: r() < 0.5 ? `span-${Math.floor(r() * 100)}` : null,
    metadata,
  };
}

function feedbackFor(g: Gen, traces: TraceRef[], share: number, feedback: AnalyticsFeedback[], firstId: number): void {
  const { r, orgId } = g;
  for (const t of traces) {
    if (r() >= share) continue;
    const n = 1 + Math.floor(r() * 2);
    for (let k = 0; k < n; k++)
      feedback.push({ id: `fb-${firstId + feedback.length}`, orgId, workspaceId: t.workspaceId, traceId: t.traceId, value: Math.floor(r() * 21) - 10, weight: Math.round(r() * 100) / 100, at: t.at + Math.floor(r() * 60_000) });
  }
}

/**
 * Random but deterministic request logs and feedback: several workspaces, models, statuses, users,
 * metadata, cache states, retries and fallbacks, traces with several logs, feedback on some traces
 * (and on traces with no log). Shared by the store parity, reconciliation and bench suites.
 */
export function randomAnalytics(options: RandomAnalyticsOptions): RandomAnalytics {
  const g = generator(options);
  const logs: AnalyticsLog[] = [];
  const traces: TraceRef[] = [];
  for (let i = 0; i < options.logs; i++) logs.push(nextLog(g, i, traces));
  const feedback: AnalyticsFeedback[] = [];
  feedbackFor(g, traces, options.feedbackShare ?? 0.2, feedback, 0);
  // Feedback on a trace no log carries: counted by feedback graphs, joined to no model.
  feedback.push({ id: `fb-${feedback.length}`, orgId: g.orgId, workspaceId: g.workspaceIds[0]!, traceId: 'trace-without-logs', value: 5, weight: 1, at: g.startMs + 1000 });
  return { orgId: g.orgId, workspaceIds: g.workspaceIds, logs, feedback, startMs: g.startMs, endMs: g.startMs + g.spanMs };
}

/**
 * The same kind of data in bounded chunks, for volumes that do not fit in memory (the bench's
 * million logs): times rise with the sequence, as the gateway publishes them, and traces are
 * reused only among the most recent `recentTraces`.
 */
export function* randomAnalyticsChunks(options: RandomAnalyticsOptions & { chunk: number; recentTraces?: number }): Generator<{ logs: AnalyticsLog[]; feedback: AnalyticsFeedback[] }> {
  const g = generator(options);
  const recent = options.recentTraces ?? 5_000;
  let traces: TraceRef[] = [];
  let feedbackCount = 0;
  for (let from = 0; from < options.logs; from += options.chunk) {
    const logs: AnalyticsLog[] = [];
    const before = traces.length;
    for (let i = from; i < Math.min(options.logs, from + options.chunk); i++) logs.push(nextLog(g, i, traces, g.startMs + Math.floor((i * g.spanMs) / options.logs)));
    const feedback: AnalyticsFeedback[] = [];
    feedbackFor(g, traces.slice(before), options.feedbackShare ?? 0.2, feedback, feedbackCount);
    feedbackCount += feedback.length;
    if (traces.length > recent) traces = traces.slice(-recent);
    yield { logs, feedback };
  }
}
