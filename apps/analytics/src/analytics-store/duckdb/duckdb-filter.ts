import type { AnalyticsFilter, Range } from '../analytics-store.port.js';

/** Collects bound parameters: every user-supplied value (metadata keys too) goes through here, never into the SQL text. */
export class Params {
  readonly values: Array<string | number | bigint> = [];
  bind(value: string | number | bigint): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
  list(values: Array<string | number>): string {
    return values.map((v) => this.bind(v)).join(', ');
  }
}

/** Epoch ms as BIGINT, so comparisons with `at_ms` stay integer (and prune by zone maps). */
export const ms = (p: Params, value: number) => (Number.isSafeInteger(value) ? `${p.bind(BigInt(value))}::BIGINT` : `${p.bind(value)}::DOUBLE`);

/** Tenancy and time: shared by logs and feedback. An empty workspace set sees nothing. */
export function tenancySql(f: AnalyticsFilter, p: Params): string[] {
  return [...orgWorkspacesSql(f, p), `at_ms >= ${ms(p, f.from)}`, `at_ms < ${ms(p, f.to)}`];
}

/** Organisation and workspaces only (the side tables: weighted feedback, trace models). */
export function orgWorkspacesSql(f: AnalyticsFilter, p: Params): string[] {
  return [`org_id = ${p.bind(f.orgId)}`, f.workspaceIds.length ? `workspace_id IN (${p.list(f.workspaceIds)})` : 'FALSE'];
}

const inList = (column: string, values: Array<string | number> | undefined, p: Params): string[] =>
  values?.length ? [`${column} IN (${p.list(values)})`] : [];

const inRange = (column: string, r: Range | undefined, p: Params): string[] => [
  ...(r?.min !== undefined ? [`${column} >= ${p.bind(r.min)}`] : []),
  ...(r?.max !== undefined ? [`${column} <= ${p.bind(r.max)}`] : []),
];

/** Whether the log query needs each log's weighted feedback (`w`) joined in. */
export const filtersOnFeedback = (f: AnalyticsFilter) => !!f.weightedFeedback && (f.weightedFeedback.min !== undefined || f.weightedFeedback.max !== undefined);

/** `logMatches` as SQL over `logs` (and `w`, the trace's weighted feedback, when joined). */
export function logFilterSql(f: AnalyticsFilter, p: Params): string[] {
  const where = tenancySql(f, p);
  where.push(...inList('status', f.statusCodes, p), ...inList('api_key_id', f.apiKeyIds, p), ...inList('trace_id', f.traceIds, p), ...inList('cache_status', f.cacheStatuses, p));
  // IN over a NULL column is NULL, i.e. not matched: a log without a virtual key fails a virtual-key filter, as in the reference.
  where.push(...inList('virtual_key', f.virtualKeys, p), ...inList('config_slug', f.configs, p), ...inList('span_id', f.spanIds, p), ...inList('prompt_slug', f.promptSlugs, p));
  if (f.aiOrgModels?.length) where.push(`(${f.aiOrgModels.map((m) => `(ai_provider = ${p.bind(m.provider)} AND model = ${p.bind(m.model)})`).join(' OR ')})`);
  for (const [key, value] of Object.entries(f.metadata ?? {})) where.push(`metadata[${p.bind(key)}] = ${p.bind(value)}`);
  where.push(...inRange('total_tokens', f.totalUnits, p), ...inRange('cost_cents', f.cost, p), ...inRange('prompt_tokens', f.promptTokens, p), ...inRange('completion_tokens', f.completionTokens, p));
  if (filtersOnFeedback(f)) where.push('w IS NOT NULL', ...inRange('w', f.weightedFeedback, p));
  return where;
}

/** `feedbackMatches`: tenancy, the feedback's own time, trace ids. */
export function feedbackFilterSql(f: AnalyticsFilter, p: Params): string[] {
  return [...tenancySql(f, p), ...inList('trace_id', f.traceIds, p)];
}
