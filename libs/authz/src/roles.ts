import { ALL_SCOPES, isWorkspaceScoped } from './scopes.js';

export type OrgRole = 'owner' | 'admin' | 'member';
export type WorkspaceRole = 'admin' | 'manager' | 'member';

export const ORG_ROLES: readonly OrgRole[] = ['owner', 'admin', 'member'];
export const WORKSPACE_ROLES: readonly WorkspaceRole[] = ['admin', 'manager', 'member'];

const ORG_RANK: Record<OrgRole, number> = { member: 0, admin: 1, owner: 2 };
const WS_RANK: Record<WorkspaceRole, number> = { member: 0, manager: 1, admin: 2 };

export const orgRoleAtLeast = (role: OrgRole | undefined, least: OrgRole) => !!role && ORG_RANK[role] >= ORG_RANK[least];
export const workspaceRoleAtLeast = (role: WorkspaceRole | undefined | null, least: WorkspaceRole) =>
  !!role && WS_RANK[role] >= WS_RANK[least];

/**
 * What a workspace member may do, from the seed role table (ARCHITECTURE.md §4): members keep to
 * list/view/create (and update for prompts and guardrails), copy virtual keys and see logs and
 * analytics; managers add team members and workspace API keys; admins do everything inside the
 * workspace.
 */
const MEMBER_RIGHTS = [
  'workspaces.read',
  'workspaces.list',
  'workspace_users.read',
  'workspace_users.list',
  'prompts.list',
  'prompts.read',
  'prompts.create',
  'prompts.update',
  'prompts.render',
  'configs.list',
  'configs.read',
  'configs.create',
  'guardrails.list',
  'guardrails.read',
  'guardrails.create',
  'guardrails.update',
  'guardrails.invoke',
  'virtual_keys.list',
  'virtual_keys.read',
  'virtual_keys.copy',
  'providers.list',
  'providers.read',
  'policies.list',
  'policies.read',
  'organisation_integrations.list',
  'organisation_mcp_integrations.list',
  'organisation_agent_integrations.list',
  'workspace_integrations.list',
  'workspace_integrations.read',
  'workspace_mcp_integrations.list',
  'workspace_mcp_integrations.read',
  'workspace_agent_integrations.list',
  'workspace_agent_integrations.read',
  'mcp_servers.list',
  'mcp_servers.read',
  'agent_servers.list',
  'agent_servers.read',
  'analytics.view',
  'logs.list',
  'logs.view',
  'logs.export',
  'logs.write',
  'completions.write',
  'mcp.invoke',
  'agents.invoke',
];

const MANAGER_EXTRA = [
  'workspace_users.create',
  'workspace_users.update',
  'workspace_users.delete',
  ...['create', 'update', 'read', 'delete', 'list', 'rotate'].flatMap((a) => [`workspace_service_api_keys.${a}`, `workspace_user_api_keys.${a}`]),
];

const WORKSPACE_ADMIN_RIGHTS = ALL_SCOPES.filter(isWorkspaceScoped);

const RIGHTS: Record<WorkspaceRole, ReadonlySet<string>> = {
  member: new Set(MEMBER_RIGHTS),
  manager: new Set([...MEMBER_RIGHTS, ...MANAGER_EXTRA]),
  admin: new Set(WORKSPACE_ADMIN_RIGHTS),
};

/**
 * The role a user effectively has in a workspace: org owners and admins act as workspace admins
 * everywhere in their organisation; everyone else has the role of their membership, if any.
 */
export function effectiveWorkspaceRole(orgRole: OrgRole | undefined, workspaceRole: WorkspaceRole | null | undefined): WorkspaceRole | null {
  if (orgRoleAtLeast(orgRole, 'admin')) return 'admin';
  return workspaceRole ?? null;
}

export function roleRights(role: WorkspaceRole | null): ReadonlySet<string> {
  return role ? RIGHTS[role] : new Set();
}

/** Scopes a user key gets when an invite names none: what the role allows, minus key management. */
export function defaultUserKeyScopes(role: WorkspaceRole): string[] {
  return [...RIGHTS[role]].filter((s) => !s.includes('_api_keys.')).sort();
}
