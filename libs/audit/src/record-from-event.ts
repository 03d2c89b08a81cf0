import type { RecordedEvent } from '#libs/event-store';
import type { AuditDraft } from './audit-record.js';

/** Gateway outcome events (stream category `access`): denials and failed commands. */
export const ACCESS_DENIED = 'AccessDenied';
export const REQUEST_FAILED = 'RequestFailed';

export interface OutcomeEventData {
  status: number;
  errorCode: string;
  message: string;
  missing?: string;
  /** Repeated denials from one source in a window (the gateway's aggregation): how many, first, last. */
  count?: number;
  firstAt?: string;
  lastAt?: string;
}

interface Meta {
  orgId?: string | null;
  workspaceId?: string | null;
  actor?: { type: string; id: string; keyId?: string };
  requestId?: string;
  clientIp?: string;
  userAgent?: string;
  occurredAt?: string;
  http?: { method: string; uri: string; queryParams?: unknown; headers?: unknown; body?: unknown };
  audit?: { resourceType?: string; action?: string; resourceId?: string | null };
}

/** Text fields of a record are bounded: whatever an event carries, its record stays storable. */
const MAX_TEXT = 64 * 1024;
const str = (value: unknown, max = 2_048): string | null =>
  value === undefined || value === null ? null : (typeof value === 'string' ? value : String(value)).slice(0, max);

function text(value: unknown): string {
  if (value === undefined) return '';
  let json: string;
  try {
    json = JSON.stringify(value) ?? '';
  } catch {
    return JSON.stringify('[unserialisable]');
  }
  return json.length > MAX_TEXT ? JSON.stringify(`[${json.length} characters omitted]`) : json;
}

/**
 * Which events become audit records, and how:
 * - a domain event appended for an HTTP request the gateway marked as auditable → one record per
 *   request (`req:<request id>`, status 200: the command's rules passed);
 * - a gateway outcome event (a denial, a failed command) → one record of its own.
 * Everything else (bootstrap, projections' inputs without a request) is not a request.
 * Total and bounded: no event, however malformed, makes it throw or yields an unstorable record,
 * so neither the projector nor the index can stall on one.
 */
export function recordFromEvent(event: RecordedEvent, position: number): AuditDraft | null {
  const meta = event.metadata as Meta;
  if (!meta || typeof meta.http !== 'object' || meta.http === null || !meta.requestId) return null;
  const outcome = event.type === ACCESS_DENIED || event.type === REQUEST_FAILED ? (event.data as OutcomeEventData) : null;
  if (!outcome && !meta.audit?.action) return null;
  const actor = meta.actor && meta.actor.type !== 'system' ? meta.actor : undefined;
  return {
    _id: outcome ? `evt:${event.id}` : `req:${str(meta.requestId, 200)}`,
    org_key: str(meta.orgId, 200) ?? '-',
    position,
    timestamp: str(meta.occurredAt, 64) ?? event.recordedAt,
    method: str(meta.http.method, 16) ?? '',
    uri: str(meta.http.uri, 4_096) ?? '',
    request_id: str(meta.requestId, 200)!,
    request_body: text(meta.http.body),
    query_params: text(meta.http.queryParams ?? {}),
    request_headers: text(meta.http.headers ?? {}),
    user_id: str(actor?.id, 200),
    user_type: actor ? (actor.type === 'user' ? 'user' : 'api_key') : null,
    api_key_id: str(actor?.keyId, 200),
    organisation_id: str(meta.orgId, 200),
    workspace_id: str(meta.workspaceId, 200),
    response_status_code: typeof outcome?.status === 'number' ? outcome.status : 200,
    resource_type: str(meta.audit?.resourceType, 100),
    resource_id: str(meta.audit?.resourceId, 200),
    action: event.type === ACCESS_DENIED ? 'deny' : (str(meta.audit?.action, 100) ?? 'unknown'),
    client_ip: str(meta.clientIp, 100),
    user_agent: str(meta.userAgent, 1_024),
    country: null,
    ...(outcome?.count ? { count: outcome.count, first_at: outcome.firstAt, last_at: outcome.lastAt } : {}),
  };
}
