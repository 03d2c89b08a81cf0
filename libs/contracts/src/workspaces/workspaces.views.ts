import type { WorkspaceRole } from './workspaces.dto.js';

/** `Workspace` on the wire (reference §2.3). */
export interface WorkspaceView {
  object: 'workspace';
  id: string;
  slug: string;
  name: string;
  description: string | null;
  icon: string | null;
  is_default: 0 | 1;
  status: 'active' | 'archived';
  organisation_id: string;
  created_by: string;
  creation_source: 'api' | 'system';
  created_at: string;
  last_updated_at: string;
  defaults: Record<string, unknown> | null;
  usage_limits: unknown[] | null;
  rate_limits: unknown[] | null;
  last_reset_at: string | null;
  security_settings: Record<string, boolean>;
  settings: Record<string, unknown>;
  users?: MemberView[];
}

/** `Member` on the wire (reference §2.4). */
export interface MemberView {
  object: 'workspace-user';
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  org_role: string;
  role: WorkspaceRole;
  status: 'active';
  workspace_id: string;
  scopes: string[];
  settings: Record<string, unknown>;
  created_at: string;
  last_updated_at: string;
}

export interface ResolvedWorkspace {
  id: string;
  orgId: string;
  slug: string;
  name: string;
  status: 'active' | 'archived';
  isDefault: boolean;
}

export interface DependantsCount {
  service: string;
  count: number;
  kinds: Record<string, number>;
}
