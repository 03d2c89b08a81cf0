import type { AggregateQuery, AggregateResult, AggregateRow, LogDimension, Measure } from '../analytics-store.port.js';
import type { BucketRecord } from './bucket-record.js';
import { histogramPercentile } from './latency-histogram.js';

/** One answer row's running totals, fed by bucket documents and raw logs alike. */
interface Cell {
  bucket?: number;
  group?: string;
  n: number; cost: number; tokens: number; promptTokens: number; completionTokens: number; latency: number;
  errors: number; hits: number; semanticHits: number; hitLatency: number; hitCost: number; semanticCost: number; missLatency: number;
  retried: number; retrySucceeded: number; fallback: number; fallbackSucceeded: number; lastAt: number;
  hist: Map<number, number>;
  users: Set<string>;
}

export function groupKeyOfRecord(r: BucketRecord, d: LogDimension): string | null {
  switch (d) {
    case 'model': return r.model;
    case 'aiProvider': return r.aiProvider;
    case 'aiOrgModel': return r.aiProvider !== null && r.model !== null ? `${r.aiProvider}__${r.model}` : null;
    case 'statusCode': return String(r.status);
    case 'workspace': return r.workspaceId;
    default: throw new Error(`not a bucket dimension: ${d}`);
  }
}

function add(c: Cell, r: BucketRecord): void {
  const ok = r.status < 400;
  const hit = r.cacheStatus === 'HIT';
  const semantic = r.cacheStatus === 'SEMANTIC_HIT';
  c.n += r.n; c.cost += r.cost; c.tokens += r.tokens; c.promptTokens += r.promptTokens; c.completionTokens += r.completionTokens; c.latency += r.latency;
  if (!ok) c.errors += r.n;
  if (hit) { c.hits += r.n; c.hitCost += r.saved; }
  if (semantic) { c.semanticHits += r.n; c.semanticCost += r.saved; }
  if (hit || semantic) c.hitLatency += r.latency;
  else c.missLatency += r.latency;
  c.retried += r.retried; c.fallback += r.fallback;
  if (ok) { c.retrySucceeded += r.retried; c.fallbackSucceeded += r.fallback; }
  c.lastAt = Math.max(c.lastAt, r.lastAt);
  for (const [bin, n] of Object.entries(r.hist)) c.hist.set(Number(bin.slice(1)), (c.hist.get(Number(bin.slice(1))) ?? 0) + n);
  for (const u of r.users) c.users.add(u);
}

function value(c: Cell, m: Measure): number | null {
  const hitN = c.hits + c.semanticHits;
  switch (m) {
    case 'requests': return c.n;
    case 'cost': return c.cost;
    case 'tokens': return c.tokens;
    case 'promptTokens': return c.promptTokens;
    case 'completionTokens': return c.completionTokens;
    case 'latencyAvg': return c.latency / c.n;
    case 'latencyP50': return histogramPercentile(c.hist, 0.5);
    case 'latencyP90': return histogramPercentile(c.hist, 0.9);
    case 'latencyP95': return histogramPercentile(c.hist, 0.95);
    case 'latencyP99': return histogramPercentile(c.hist, 0.99);
    case 'users': return c.users.size;
    case 'errors': return c.errors;
    case 'cacheSimpleHits': return c.hits;
    case 'cacheSemanticHits': return c.semanticHits;
    case 'cacheHitLatencyAvg': return hitN ? c.hitLatency / hitN : null;
    case 'cacheMissLatencyAvg': return c.n - hitN ? c.missLatency / (c.n - hitN) : null;
    case 'cacheSimpleSavings': return c.hitCost;
    case 'cacheSemanticSavings': return c.semanticCost;
    case 'retried': return c.retried;
    case 'retrySucceeded': return c.retrySucceeded;
    case 'fallback': return c.fallback;
    case 'fallbackSucceeded': return c.fallbackSucceeded;
    case 'lastSeen': return c.lastAt;
    default: throw new Error(`not a bucket measure: ${m}`);
  }
}

const byKey = (a?: string, b?: string) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** Rows from bucket records, cut, grouped, ordered and paged exactly as `referenceAggregate` does. */
export function rowsOfRecords(records: Iterable<BucketRecord>, q: AggregateQuery): AggregateResult {
  const cells = new Map<string, Cell>();
  for (const r of records) {
    const bucket = q.bucket ? Math.floor((r.t - q.bucket.start) / q.bucket.width) : undefined;
    if (q.bucket && (bucket! < 0 || bucket! >= q.bucket.count)) continue;
    const group = q.groupBy ? groupKeyOfRecord(r, q.groupBy as LogDimension) : undefined;
    if (group === null) continue;
    const id = `${bucket ?? ''}\u0000${group ?? ''}`;
    let c = cells.get(id);
    if (!c) {
      c = { n: 0, cost: 0, tokens: 0, promptTokens: 0, completionTokens: 0, latency: 0, errors: 0, hits: 0, semanticHits: 0, hitLatency: 0, hitCost: 0, semanticCost: 0, missLatency: 0, retried: 0, retrySucceeded: 0, fallback: 0, fallbackSucceeded: 0, lastAt: -Infinity, hist: new Map(), users: new Set() };
      if (bucket !== undefined) c.bucket = bucket;
      if (group !== undefined) c.group = group;
      cells.set(id, c);
    }
    add(c, r);
  }
  const orderMeasure = q.order?.measure ?? 'requests';
  const wanted = [...new Set<Measure>([...q.measures, ...(q.groupBy && !q.bucket ? [orderMeasure] : [])])];
  let rows: AggregateRow[] = [...cells.values()].map((c) => ({
    ...(c.bucket !== undefined ? { bucket: c.bucket } : {}),
    ...(c.group !== undefined ? { group: c.group } : {}),
    values: Object.fromEntries(wanted.map((m) => [m, value(c, m)])),
  }));
  if (q.groupBy && !q.bucket) {
    const sign = (q.order?.direction ?? 'desc') === 'desc' ? -1 : 1;
    rows.sort((a, b) => sign * (((a.values[orderMeasure] ?? -Infinity) as number) - ((b.values[orderMeasure] ?? -Infinity) as number)) || byKey(a.group, b.group));
    const totalGroups = rows.length;
    if (q.page) rows = rows.slice(q.page.index * q.page.size, (q.page.index + 1) * q.page.size);
    for (const r of rows) for (const k of Object.keys(r.values)) if (!q.measures.includes(k as Measure)) delete r.values[k as Measure];
    return { rows, totalGroups };
  }
  rows.sort((a, b) => (a.bucket ?? 0) - (b.bucket ?? 0) || byKey(a.group, b.group));
  return q.groupBy ? { rows, totalGroups: new Set(rows.map((r) => r.group)).size } : { rows };
}
