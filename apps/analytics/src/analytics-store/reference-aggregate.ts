import type {
  AggregateQuery, AggregateResult, AggregateRow, AnalyticsFeedback, AnalyticsFilter, AnalyticsLog, FeedbackDimension, LogDimension, Measure, Range,
} from './analytics-store.port.js';

/**
 * The definition of every analytics answer, computed directly over raw records. Adapters must give
 * the same rows (percentiles within their stated error); the reconciliation and parity suites hold
 * them to it. Deliberately plain: clarity over speed.
 */
export function referenceAggregate(logs: AnalyticsLog[], feedback: AnalyticsFeedback[], q: AggregateQuery): AggregateResult {
  const weighted = weightedFeedbackByTrace(feedback);
  const records: Array<AnalyticsLog | AnalyticsFeedback> =
    q.source === 'logs'
      ? logs.filter((l) => logMatches(q.filter, l, weighted))
      : feedback.filter((f) => feedbackMatches(q.filter, f));
  const models = q.source === 'feedback' && q.groupBy === 'traceModel' ? traceModels(logs) : new Map<string, string | null>();
  const cells = new Map<string, { bucket?: number; group?: string; items: Array<AnalyticsLog | AnalyticsFeedback> }>();
  for (const r of records) {
    const bucket = q.bucket ? Math.floor((r.at - q.bucket.start) / q.bucket.width) : undefined;
    if (q.bucket && (bucket! < 0 || bucket! >= q.bucket.count)) continue;
    let group: string | undefined;
    if (q.groupBy) {
      const key = q.source === 'logs' ? logGroupKey(r as AnalyticsLog, q.groupBy as LogDimension) : feedbackGroupKey(r as AnalyticsFeedback, q.groupBy as FeedbackDimension, models);
      if (key === null) continue;
      group = key;
    }
    const id = `${bucket ?? ''}\u0000${group ?? ''}`;
    let cell = cells.get(id);
    if (!cell) cells.set(id, (cell = { ...(bucket !== undefined ? { bucket } : {}), ...(group !== undefined ? { group } : {}), items: [] }));
    cell.items.push(r);
  }
  const orderMeasure = q.order?.measure ?? (q.source === 'logs' ? 'requests' : 'feedbacks');
  const wanted = [...new Set<Measure>([...q.measures, ...(q.groupBy && !q.bucket ? [orderMeasure] : [])])];
  let rows: AggregateRow[] = [...cells.values()].map((c) => ({
    ...(c.bucket !== undefined ? { bucket: c.bucket } : {}),
    ...(c.group !== undefined ? { group: c.group } : {}),
    values: Object.fromEntries(wanted.map((m) => [m, measure(m, c.items, weighted)])),
  }));
  if (q.groupBy && !q.bucket) {
    const sign = (q.order?.direction ?? 'desc') === 'desc' ? -1 : 1;
    rows.sort((a, b) => sign * (((a.values[orderMeasure] ?? -Infinity) as number) - ((b.values[orderMeasure] ?? -Infinity) as number)) || (a.group! < b.group! ? -1 : a.group! > b.group! ? 1 : 0));
    const totalGroups = rows.length;
    if (q.page) rows = rows.slice(q.page.index * q.page.size, (q.page.index + 1) * q.page.size);
    for (const r of rows) for (const k of Object.keys(r.values)) if (!q.measures.includes(k as Measure)) delete r.values[k as Measure];
    return { rows, totalGroups };
  }
  rows.sort((a, b) => (a.bucket ?? 0) - (b.bucket ?? 0) || ((a.group ?? '') < (b.group ?? '') ? -1 : (a.group ?? '') > (b.group ?? '') ? 1 : 0));
  return q.groupBy ? { rows, totalGroups: new Set(rows.map((r) => r.group)).size } : { rows };
}

export const traceKey = (orgId: string, workspaceId: string, traceId: string) => `${orgId}\u0000${workspaceId}\u0000${traceId}`;

/** A log's weighted feedback: the mean of value × weight over its trace's feedback (same org and workspace). */
export function weightedFeedbackByTrace(feedback: AnalyticsFeedback[]): Map<string, number> {
  const sums = new Map<string, { s: number; n: number }>();
  for (const f of feedback) {
    const k = traceKey(f.orgId, f.workspaceId, f.traceId);
    const e = sums.get(k) ?? { s: 0, n: 0 };
    e.s += f.value * f.weight;
    e.n += 1;
    sums.set(k, e);
  }
  return new Map([...sums].map(([k, e]) => [k, e.s / e.n]));
}

/** The model of a trace: that of its earliest log (ties: smallest id), over every stored log. */
export function traceModels(logs: AnalyticsLog[]): Map<string, string | null> {
  const first = new Map<string, AnalyticsLog>();
  for (const l of logs) {
    const k = traceKey(l.orgId, l.workspaceId, l.traceId);
    const f = first.get(k);
    if (!f || l.at < f.at || (l.at === f.at && l.id < f.id)) first.set(k, l);
  }
  return new Map([...first].map(([k, l]) => [k, l.model]));
}

const inRange = (v: number, r?: Range) => !r || ((r.min === undefined || v >= r.min) && (r.max === undefined || v <= r.max));
const inList = <T>(v: T, list?: T[]) => !list || list.length === 0 || list.includes(v);

export function logMatches(f: AnalyticsFilter, l: AnalyticsLog, weighted: Map<string, number>): boolean {
  if (l.orgId !== f.orgId || !f.workspaceIds.includes(l.workspaceId) || l.at < f.from || l.at >= f.to) return false;
  if (!inList(l.status, f.statusCodes) || !inList(l.apiKeyId, f.apiKeyIds) || !inList(l.traceId, f.traceIds) || !inList(l.cacheStatus, f.cacheStatuses)) return false;
  if (f.virtualKeys?.length && (l.virtualKey === null || !f.virtualKeys.includes(l.virtualKey))) return false;
  if (f.configs?.length && (l.configSlug === null || !f.configs.includes(l.configSlug))) return false;
  if (f.spanIds?.length && (l.spanId === null || !f.spanIds.includes(l.spanId))) return false;
  if (f.promptSlugs?.length && (l.promptSlug === null || !f.promptSlugs.includes(l.promptSlug))) return false;
  if (f.aiOrgModels?.length && !f.aiOrgModels.some((p) => p.provider === l.aiProvider && p.model === l.model)) return false;
  if (f.metadata && Object.entries(f.metadata).some(([k, v]) => l.metadata[k] !== v)) return false;
  if (!inRange(l.totalTokens, f.totalUnits) || !inRange(l.costCents, f.cost) || !inRange(l.promptTokens, f.promptTokens) || !inRange(l.completionTokens, f.completionTokens)) return false;
  if (f.weightedFeedback && (f.weightedFeedback.min !== undefined || f.weightedFeedback.max !== undefined)) {
    const w = weighted.get(traceKey(l.orgId, l.workspaceId, l.traceId));
    if (w === undefined || !inRange(w, f.weightedFeedback)) return false;
  }
  return true;
}

/** Feedback graphs filter on tenancy, the time range (the feedback's own time) and trace ids only. */
export function feedbackMatches(f: AnalyticsFilter, fb: AnalyticsFeedback): boolean {
  return fb.orgId === f.orgId && f.workspaceIds.includes(fb.workspaceId) && fb.at >= f.from && fb.at < f.to && inList(fb.traceId, f.traceIds);
}

export function logGroupKey(l: AnalyticsLog, d: LogDimension): string | null {
  if (d.startsWith('metadata:')) return l.metadata[d.slice('metadata:'.length)] ?? null;
  switch (d) {
    case 'user': return l.user;
    case 'model': return l.model;
    case 'aiProvider': return l.aiProvider;
    case 'aiOrgModel': return l.aiProvider !== null && l.model !== null ? `${l.aiProvider}__${l.model}` : null;
    case 'statusCode': return String(l.status);
    case 'apiKey': return l.apiKeyId;
    case 'config': return l.configSlug;
    case 'workspace': return l.workspaceId;
    case 'virtualKey': return l.virtualKey;
    case 'provider': return l.providerSlug ?? l.virtualKey;
    case 'prompt': return l.promptSlug;
    default: return null;
  }
}

function feedbackGroupKey(f: AnalyticsFeedback, d: FeedbackDimension, models: Map<string, string | null>): string | null {
  return d === 'feedbackValue' ? String(f.value) : (models.get(traceKey(f.orgId, f.workspaceId, f.traceId)) ?? null);
}

/** Nearest rank: the smallest value with at least p of the values at or below it. */
export function percentile(sorted: number[], p: number): number | null {
  if (!sorted.length) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const isHit = (l: AnalyticsLog) => l.cacheStatus === 'HIT' || l.cacheStatus === 'SEMANTIC_HIT';

function measure(m: Measure, items: Array<AnalyticsLog | AnalyticsFeedback>, weighted: Map<string, number>): number | null {
  const logs = items as AnalyticsLog[];
  const fbs = items as AnalyticsFeedback[];
  const wf = (l: AnalyticsLog) => weighted.get(traceKey(l.orgId, l.workspaceId, l.traceId));
  switch (m) {
    case 'requests': return logs.length;
    case 'cost': return sum(logs.map((l) => l.costCents));
    case 'tokens': return sum(logs.map((l) => l.totalTokens));
    case 'promptTokens': return sum(logs.map((l) => l.promptTokens));
    case 'completionTokens': return sum(logs.map((l) => l.completionTokens));
    case 'latencyAvg': return avg(logs.map((l) => l.latencyMs));
    case 'latencyP50': return percentile(logs.map((l) => l.latencyMs).sort((a, b) => a - b), 0.5);
    case 'latencyP90': return percentile(logs.map((l) => l.latencyMs).sort((a, b) => a - b), 0.9);
    case 'latencyP95': return percentile(logs.map((l) => l.latencyMs).sort((a, b) => a - b), 0.95);
    case 'latencyP99': return percentile(logs.map((l) => l.latencyMs).sort((a, b) => a - b), 0.99);
    case 'users': return new Set(logs.map((l) => l.user).filter((u) => u !== null)).size;
    case 'errors': return logs.filter((l) => l.status >= 400).length;
    case 'cacheSimpleHits': return logs.filter((l) => l.cacheStatus === 'HIT').length;
    case 'cacheSemanticHits': return logs.filter((l) => l.cacheStatus === 'SEMANTIC_HIT').length;
    case 'cacheHitLatencyAvg': return avg(logs.filter(isHit).map((l) => l.latencyMs));
    case 'cacheMissLatencyAvg': return avg(logs.filter((l) => !isHit(l)).map((l) => l.latencyMs));
    case 'cacheSimpleSavings': return sum(logs.filter((l) => l.cacheStatus === 'HIT').map((l) => l.savedCents));
    case 'cacheSemanticSavings': return sum(logs.filter((l) => l.cacheStatus === 'SEMANTIC_HIT').map((l) => l.savedCents));
    case 'retried': return logs.filter((l) => l.retries > 0).length;
    case 'retrySucceeded': return logs.filter((l) => l.retries > 0 && l.status < 400).length;
    case 'fallback': return logs.filter((l) => l.fallbackIndex > 0).length;
    case 'fallbackSucceeded': return logs.filter((l) => l.fallbackIndex > 0 && l.status < 400).length;
    case 'firstSeen': return logs.length ? logs.reduce((m, l) => (l.at < m ? l.at : m), Infinity) : null;
    case 'lastSeen': return logs.length ? logs.reduce((m, l) => (l.at > m ? l.at : m), -Infinity) : null;
    case 'withFeedback': return logs.filter((l) => wf(l) !== undefined).length;
    case 'weightedFeedbackAvg': return avg(logs.map(wf).filter((w): w is number => w !== undefined));
    case 'feedbacks': return fbs.length;
    case 'feedbackValueAvg': return avg(fbs.map((f) => f.value));
    case 'feedbackWeightedAvg': return avg(fbs.map((f) => f.value * f.weight));
    default: {
      const never: never = m;
      throw new Error(`unknown measure ${String(never)}`);
    }
  }
}
