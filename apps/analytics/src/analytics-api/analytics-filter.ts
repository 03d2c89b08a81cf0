import type { AnalyticsQuery } from '#libs/contracts';
import type { AnalyticsFilter, Range } from '../analytics-store/analytics-store.port.js';
import { badQuery } from './bad-query.js';

const MAX_LIST_ITEMS = 200;
/** Ranges beyond this are refused: weekly buckets then stay a few hundred. */
export const MAX_RANGE_MS = 5 * 366 * 24 * 3_600_000;

/** The time range, half-open: `time_of_generation_min` inclusive, `time_of_generation_max` exclusive (so a 1 h range is 60 minute buckets). */
export function timeRange(q: Pick<AnalyticsQuery, 'time_of_generation_min' | 'time_of_generation_max'>): { from: number; to: number } {
  const at = (field: 'time_of_generation_min' | 'time_of_generation_max') => {
    const raw = q[field];
    if (raw === undefined || raw === null || raw === '') throw badQuery(field, 'is required (ISO-8601 with offset)');
    const ms = typeof raw === 'string' ? Date.parse(raw) : NaN;
    if (!Number.isFinite(ms)) throw badQuery(field, 'must be an ISO-8601 date-time');
    return ms;
  };
  const from = at('time_of_generation_min');
  const to = at('time_of_generation_max');
  if (to <= from) throw badQuery('time_of_generation_max', 'must be after time_of_generation_min');
  if (to - from > MAX_RANGE_MS) throw badQuery('time_of_generation_max', 'is more than 5 years after time_of_generation_min');
  return { from, to };
}

export function commaList(field: string, raw: string | undefined): string[] | undefined {
  if (raw === undefined) return undefined;
  const items = [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
  if (items.length > MAX_LIST_ITEMS) throw badQuery(field, `lists at most ${MAX_LIST_ITEMS} values`);
  return items.length ? items : undefined;
}

function range(field: string, min: number | undefined, max: number | undefined): Range | undefined {
  if (min === undefined && max === undefined) return undefined;
  for (const [end, v] of [['min', min], ['max', max]] as const) {
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) throw badQuery(`${field}_${end}`, 'must be a number');
  }
  if (min !== undefined && max !== undefined && min > max) throw badQuery(`${field}_max`, `must not be below ${field}_min`);
  return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
}

function statusCodes(raw: string | undefined): number[] | undefined {
  const items = commaList('status_code', raw);
  return items?.map((s) => {
    if (!/^\d{3}$/.test(s) || Number(s) < 100 || Number(s) > 599) throw badQuery('status_code', `has ${JSON.stringify(s.slice(0, 20))}, not an HTTP status code`);
    return Number(s);
  });
}

function aiOrgModels(raw: string | undefined): Array<{ provider: string; model: string }> | undefined {
  return commaList('ai_org_model', raw)?.map((s) => {
    const cut = s.indexOf('__');
    if (cut <= 0 || cut + 2 >= s.length) throw badQuery('ai_org_model', 'values are "provider__model"');
    return { provider: s.slice(0, cut), model: s.slice(cut + 2) };
  });
}

/** `metadata` must be a flat JSON object; numbers and booleans compare as the text the gateway stores. */
export function metadataFilter(raw: string | undefined): Record<string, string> | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badQuery('metadata', 'must be a JSON object');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw badQuery('metadata', 'must be a JSON object');
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(parsed)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') throw badQuery('metadata', `value of ${JSON.stringify(k.slice(0, 40))} must be a string, number or boolean`);
    out[k] = String(v);
  }
  return Object.keys(out).length ? out : undefined;
}

/** Every filter of §2.13 over the workspaces tenancy already resolved. */
export function analyticsFilter(q: AnalyticsQuery, tenancy: { orgId: string; workspaceIds: string[] }): AnalyticsFilter {
  const { from, to } = timeRange(q);
  const f: AnalyticsFilter = { orgId: tenancy.orgId, workspaceIds: tenancy.workspaceIds, from, to };
  const set = <K extends keyof AnalyticsFilter>(k: K, v: AnalyticsFilter[K] | undefined) => {
    if (v !== undefined) f[k] = v;
  };
  set('statusCodes', statusCodes(q.status_code));
  set('virtualKeys', commaList('virtual_keys', q.virtual_keys));
  set('configs', commaList('configs', q.configs));
  set('apiKeyIds', commaList('api_key_ids', q.api_key_ids));
  set('aiOrgModels', aiOrgModels(q.ai_org_model));
  set('traceIds', commaList('trace_id', q.trace_id));
  set('spanIds', commaList('span_id', q.span_id));
  set('promptSlugs', commaList('prompt_slug', q.prompt_slug));
  set('cacheStatuses', commaList('cache_status', q.cache_status)?.map((s) => s.toUpperCase()));
  set('metadata', metadataFilter(q.metadata));
  set('totalUnits', range('total_units', q.total_units_min, q.total_units_max));
  set('cost', range('cost', q.cost_min, q.cost_max));
  set('promptTokens', range('prompt_token', q.prompt_token_min, q.prompt_token_max));
  set('completionTokens', range('completion_token', q.completion_token_min, q.completion_token_max));
  set('weightedFeedback', range('weighted_feedback', q.weighted_feedback_min, q.weighted_feedback_max));
  return f;
}
