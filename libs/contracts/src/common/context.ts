/**
 * Who is calling: resolved by the gateway from the API key, trusted by services. An API-key
 * principal carries everything the policy engine (libs/authz) needs.
 */
export interface Principal {
  kind: 'api_key' | 'system';
  keyId?: string;
  keyType?: 'organisation-service' | 'workspace-service' | 'workspace-user';
  orgId?: string;
  workspaceId?: string | null;
  userId?: string | null;
  scopes?: string[];
  orgRole?: 'owner' | 'admin' | 'member';
  workspaceRole?: 'admin' | 'manager' | 'member' | null;
}

/** The HTTP request behind a command, kept (redacted) for the audit log. */
export interface HttpRequestInfo {
  method: string;
  uri: string;
  queryParams?: Record<string, unknown>;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Travels with every RPC and becomes the metadata of the events a command appends, so the
 * audit log can say who did what, from where.
 */
export interface RequestContext {
  requestId: string;
  correlationId: string;
  causationId?: string;
  principal?: Principal;
  /** Service-to-service calls run as `system` but record the original caller in their events. */
  onBehalfOf?: Principal;
  clientIp?: string;
  userAgent?: string;
  http?: HttpRequestInfo;
  /** Read-your-writes: a query waits until its projection has passed this position. */
  minPosition?: number;
  /** Command time chosen by the edge, so deciders stay pure. */
  occurredAt?: string;
  /** State-changing routes: how the audit log names the request (resource and action). */
  audit?: { resourceType: string; action: string; resourceId: string | null };
}

export interface RpcRequest<T = unknown> {
  context: RequestContext;
  payload: T;
}

/** What every command answers: its result and the position of the events it appended. */
export interface CommandResult<T = unknown> {
  data: T;
  position: number;
}
