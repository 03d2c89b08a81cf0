import type { ExportField } from '#libs/contracts';
import type { RequestLog } from '#libs/request-logs';

const list = (value: unknown) => (typeof value === 'string' && value ? value.split(',').map((s) => s.trim()).filter(Boolean) : null);
const bound = (value: unknown) => (typeof value === 'number' ? value : typeof value === 'string' && value.trim() && Number.isFinite(Number(value)) ? Number(value) : null);

/** Whether a record passes an export's `filters` (reference §2.12). */
export function exportFilter(filters: Record<string, unknown>): (log: RequestLog) => boolean {
  const minTime = typeof filters.time_of_generation_min === 'string' ? Date.parse(filters.time_of_generation_min) : NaN;
  const maxTime = typeof filters.time_of_generation_max === 'string' ? Date.parse(filters.time_of_generation_max) : NaN;
  const lists: Array<[string[] | null, (l: RequestLog) => string | null]> = [
    [list(filters.ai_model), (l) => l.model],
    [list(filters.status_code), (l) => String(l.status)],
    [list(filters.virtual_keys), (l) => l.virtualKey],
    [list(filters.configs), (l) => l.configSlug],
    [list(filters.trace_id), (l) => l.traceId],
    [list(filters.workspace_slug), (l) => l.workspaceSlug],
    [list(filters.prompt_slug), (l) => l.promptSlug],
    [list(filters.ai_org_model), (l) => `${l.aiProvider}__${l.model}`],
  ];
  const ranges: Array<[string, (l: RequestLog) => number]> = [
    ['total_units', (l) => l.totalTokens],
    ['cost', (l) => l.costCents],
    ['prompt_token', (l) => l.promptTokens],
    ['completion_token', (l) => l.completionTokens],
  ];
  const metadata = filters.metadata && typeof filters.metadata === 'object' ? (filters.metadata as Record<string, unknown>) : {};
  return (log) => {
    const at = Date.parse(log.createdAt);
    if (!Number.isNaN(minTime) && at < minTime) return false;
    if (!Number.isNaN(maxTime) && at > maxTime) return false;
    for (const [values, of] of lists) if (values && !values.includes(of(log) ?? '')) return false;
    for (const [name, of] of ranges) {
      const min = bound(filters[`${name}_min`]);
      const max = bound(filters[`${name}_max`]);
      if (min !== null && of(log) < min) return false;
      if (max !== null && of(log) > max) return false;
    }
    for (const [k, v] of Object.entries(metadata)) if (log.metadata?.[k] !== String(v)) return false;
    return true;
  };
}

/** One exported line: the requested fields only. */
export function exportRow(log: RequestLog, fields: readonly string[]): Record<string, unknown> {
  const all: Record<ExportField, () => unknown> = {
    id: () => log.id,
    trace_id: () => log.traceId,
    created_at: () => log.createdAt,
    request: () => log.request,
    response: () => log.response,
    is_success: () => log.status >= 200 && log.status < 300,
    ai_org: () => log.aiProvider,
    ai_model: () => log.model,
    req_units: () => log.promptTokens,
    res_units: () => log.completionTokens,
    total_units: () => log.totalTokens,
    request_url: () => log.request?.url,
    cost: () => log.costCents,
    cost_currency: () => 'USD',
    response_time: () => log.latencyMs,
    response_status_code: () => log.status,
    mode: () => log.route,
    config: () => log.configSlug,
    prompt_slug: () => log.promptSlug,
    metadata: () => log.metadata,
  };
  const row: Record<string, unknown> = {};
  for (const field of fields.length ? fields : (Object.keys(all) as ExportField[])) if (field in all) row[field] = all[field as ExportField]();
  return row;
}
