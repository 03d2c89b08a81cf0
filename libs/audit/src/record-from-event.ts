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

const text = (value: unknown) => (value === undefined ? '' : JSON.stringify(value));

/**
 * Which events become audit records, and how:
 * - a domain event appended for an HTTP request the gateway marked as auditable → one record per
 *   request (`req:<request id>`, status 200: the command's rules passed);
 * - a gateway outcome event (a denial, a failed command) → one record of its own.
 * Everything else (bootstrap, projections' inputs without a request) is not a request.
 */
export function recordFromEvent(event: RecordedEvent, position: number): AuditDraft | null {
  const meta = event.metadata as Meta;
  if (!meta.http || !meta.requestId) return null;
  const outcome = event.type === ACCESS_DENIED || event.type === REQUEST_FAILED ? (event.data as OutcomeEventData) : null;
  if (!outcome && !meta.audit?.action) return null;
  const actor = meta.actor && meta.actor.type !== 'system' ? meta.actor : undefined;
  return {
    _id: outcome ? `evt:${event.id}` : `req:${meta.requestId}`,
    org_key: meta.orgId ?? '-',
    position,
    timestamp: meta.occurredAt ?? event.recordedAt,
    method: meta.http.method,
    uri: meta.http.uri,
    request_id: meta.requestId,
    request_body: text(meta.http.body),
    query_params: text(meta.http.queryParams ?? {}),
    request_headers: text(meta.http.headers ?? {}),
    user_id: actor?.id ?? null,
    user_type: actor ? (actor.type === 'user' ? 'user' : 'api_key') : null,
    api_key_id: actor?.keyId ?? null,
    organisation_id: meta.orgId ?? null,
    workspace_id: meta.workspaceId ?? null,
    response_status_code: outcome?.status ?? 200,
    resource_type: meta.audit?.resourceType ?? null,
    resource_id: meta.audit?.resourceId ?? null,
    action: event.type === ACCESS_DENIED ? 'deny' : (meta.audit?.action ?? 'unknown'),
    client_ip: meta.clientIp ?? null,
    user_agent: meta.userAgent ?? null,
    country: null,
    ...(outcome?.count ? { count: outcome.count, first_at: outcome.firstAt, last_at: outcome.lastAt } : {}),
  };
}
