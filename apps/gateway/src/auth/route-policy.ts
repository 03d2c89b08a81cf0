import { SetMetadata } from '@nestjs/common';

export const ROUTE_POLICY = 'portcullis:route-policy';

/** Where a route's workspace comes from: `param:workspaceId`, `query:workspace_id`, `body:workspace_id`. */
export type WorkspaceSource = `${'param' | 'query' | 'body'}:${string}`;

export type RoutePolicy =
  | { kind: 'public' }
  /** The owning service decides (it needs the resource first, e.g. a key's type). */
  | { kind: 'service' }
  | { kind: 'action'; action: string; workspace?: WorkspaceSource };

/** No API key needed (health, invite acceptance). */
export const Public = () => SetMetadata(ROUTE_POLICY, { kind: 'public' } satisfies RoutePolicy);

/** Authenticated at the edge; the service applies the policy engine to the loaded resource. */
export const AuthorizedByService = () => SetMetadata(ROUTE_POLICY, { kind: 'service' } satisfies RoutePolicy);

/** The route's action (a scope string) and, for workspace resources, where the workspace is named. */
export const Authorize = (action: string, workspace?: WorkspaceSource) =>
  SetMetadata(ROUTE_POLICY, { kind: 'action', action, ...(workspace ? { workspace } : {}) } satisfies RoutePolicy);

export const ROUTE_AUDIT = 'portcullis:route-audit';

/** What an audited (state-changing) route does, for the audit log. */
export interface RouteAudit {
  resourceType: string;
  action: string;
  /** The path parameter naming the resource; creations get their id from the service. */
  idParam?: string;
}

export const Audited = (resourceType: string, action: string, idParam?: string) =>
  SetMetadata(ROUTE_AUDIT, { resourceType, action, ...(idParam ? { idParam } : {}) } satisfies RouteAudit);
