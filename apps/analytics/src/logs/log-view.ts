import { randomUUID } from 'node:crypto';
import type { AuthPrincipal } from '#libs/authz';
import { isPlainObject, schemaError, type LogView } from '#libs/contracts';
import type { RequestLog } from '#libs/request-logs';

/** GET /v1/logs/{id}: Portkey's log object (reference §2.11). */
export function toLogView(log: RequestLog, feedback: unknown[] = []): LogView {
  const portkeyHeaders = Object.fromEntries(Object.entries(log.request.headers ?? {}).filter(([name]) => name.startsWith('x-portkey-')));
  return {
    _id: log.id,
    id: log.id,
    request: { url: log.request.url, method: log.request.method, headers: log.request.headers, body: log.request.body, portkeyHeaders },
    response: { status: log.response.status, headers: log.response.headers, body: log.response.body, responseTime: log.response.responseTimeMs },
    organisation_id: log.orgId,
    workspace_id: log.workspaceId,
    created_at: log.createdAt,
    metrics: {
      ai_model: log.model,
      ai_org: log.aiProvider,
      cost: log.costCents,
      cost_currency: 'USD',
      req_units: log.promptTokens,
      res_units: log.completionTokens,
      total_units: log.totalTokens,
      response_time: log.latencyMs,
      status_code: log.status,
      is_success: log.status >= 200 && log.status < 300,
      cache_status: log.cacheStatus,
      retry_count: log.retries,
      last_used_option_index: log.fallbackIndex,
      stream: log.stream,
      trace_id: log.traceId,
      span_id: log.spanId,
      span_name: log.spanName,
      virtual_key: log.virtualKey,
      config: log.configSlug,
      prompt_slug: log.promptSlug,
      mode: log.route,
      metadata: log.metadata,
    },
    feedback,
  };
}

const num = (value: unknown, fallback = 0) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const str = (value: unknown) => (typeof value === 'string' && value ? value : null);

/** `{"0":…,"1":…}` (the SDK's form of an array), an array, or one object → the list of logs. */
export function externalLogList(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (isPlainObject(body) && Object.keys(body).length && Object.keys(body).every((k) => /^\d+$/.test(k))) return Object.values(body);
  return [body];
}

/** One external log (POST /v1/logs) as a record of the caller's workspace. */
export function fromExternalLog(entry: unknown, index: number, principal: AuthPrincipal, now: string): RequestLog {
  const at = (path: string, message: string) => schemaError({ path: `[${index}].${path}`, message });
  if (!isPlainObject(entry)) throw at('', 'must be an object');
  const request = entry.request;
  if (!isPlainObject(request)) throw at('request', 'is required (an object)');
  if (typeof request.url !== 'string' || !request.url) throw at('request.url', 'is required');
  const response = isPlainObject(entry.response) ? entry.response : {};
  const metadata = isPlainObject(entry.metadata) ? entry.metadata : {};
  const usage = isPlainObject(response.body) && isPlainObject(response.body.usage) ? response.body.usage : {};
  const body = isPlainObject(request.body) ? request.body : {};
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(metadata)) if (!['trace_id', 'span_id', 'span_name'].includes(k) && typeof v === 'string') flat[k] = v;
  const status = num(response.status, 200);
  const promptTokens = num(usage.prompt_tokens);
  const completionTokens = num(usage.completion_tokens);
  return {
    id: randomUUID(),
    createdAt: now,
    orgId: principal.orgId,
    workspaceId: principal.workspaceId!,
    workspaceSlug: principal.workspaceId!,
    apiKeyId: principal.keyId,
    userId: principal.userId,
    route: 'external',
    virtualKey: null,
    providerSlug: null,
    configSlug: null,
    promptSlug: null,
    promptVersionId: null,
    aiProvider: str(metadata.provider) ?? str(request.provider),
    model: str(body.model) ?? (isPlainObject(response.body) ? str(response.body.model) : null),
    promptTokens,
    completionTokens,
    totalTokens: num(usage.total_tokens, promptTokens + completionTokens),
    costCents: 0,
    latencyMs: num(response.response_time),
    upstreamStatus: status,
    status,
    retries: 0,
    fallbackIndex: 0,
    cacheStatus: 'DISABLED',
    stream: body.stream === true,
    traceId: str(metadata.trace_id) ?? randomUUID(),
    spanId: str(metadata.span_id),
    spanName: str(metadata.span_name),
    metadata: flat,
    request: {
      url: request.url,
      method: str(request.method) ?? 'POST',
      headers: (isPlainObject(request.headers) ? request.headers : {}) as Record<string, string>,
      body: request.body ?? null,
    },
    response: {
      status,
      headers: (isPlainObject(response.headers) ? response.headers : {}) as Record<string, string>,
      body: response.body ?? null,
      responseTimeMs: num(response.response_time),
    },
  };
}
