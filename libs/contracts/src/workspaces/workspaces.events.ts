/**
 * Event payloads of the workspaces service. Streams: `workspace-<id>`,
 * `wsSlug-<orgId>_<slug>` (slug reservation).
 */
export type WorkspaceRole = 'admin' | 'manager' | 'member';

export interface WorkspaceCreated {
  workspaceId: string;
  orgId: string;
  slug: string;
  name: string;
  description: string | null;
  icon: string | null;
  defaults: Record<string, unknown> | null;
  usageLimits: unknown[] | null;
  rateLimits: unknown[] | null;
  isDefault: boolean;
  createdBy: string;
  creationSource: 'api' | 'system';
  at: string;
}
export interface WorkspaceUpdated {
  workspaceId: string;
  orgId: string;
  /** Only the fields that changed, wire-named. */
  changes: Record<string, unknown>;
  at: string;
}
/** A periodic reset of one entry of the workspace's `usage_limits[]` (its boundary `due` passed). */
export interface WorkspaceUsageReset {
  workspaceId: string;
  orgId: string;
  limitIndex: number;
  due: string;
  at: string;
}
export interface WorkspaceDeleted {
  workspaceId: string;
  orgId: string;
  slug: string;
  forced: boolean;
  at: string;
}
export interface WorkspaceMemberAdded {
  workspaceId: string;
  orgId: string;
  userId: string;
  role: WorkspaceRole;
  at: string;
}
export interface WorkspaceMemberRoleChanged {
  workspaceId: string;
  orgId: string;
  userId: string;
  role: WorkspaceRole;
  previousRole: WorkspaceRole;
  at: string;
}
export interface WorkspaceMemberRemoved {
  workspaceId: string;
  orgId: string;
  userId: string;
  at: string;
}
export interface WorkspaceSlugReserved {
  orgId: string;
  slug: string;
  workspaceId: string;
  at: string;
}
