import { ns } from '../common/namespace.js';

export const WorkspacesSubjects = {
  create: ns('workspaces.workspace.create'),
  list: ns('workspaces.workspaces.list'),
  get: ns('workspaces.workspaces.get'),
  update: ns('workspaces.workspace.update'),
  delete: ns('workspaces.workspace.delete'),
  /** Internal: id or slug → {id, orgId, slug, status}; the gateway authorises with it. */
  resolve: ns('workspaces.workspaces.resolve'),
  addMembers: ns('workspaces.members.add'),
  listMembers: ns('workspaces.members.list'),
  getMember: ns('workspaces.members.get'),
  updateMember: ns('workspaces.member.updateRole'),
  removeMember: ns('workspaces.member.remove'),
  /** Internal: remove a user from every workspace of an organisation (user deleted). */
  removeUserEverywhere: ns('workspaces.member.removeEverywhere'),
  /** Internal: count / remove what lives in a workspace (configs, prompts …) before deletion. */
  dependants: ns('workspaces.dependants.count'),
} as const;

/** Every service owning workspace-scoped resources answers these (workspace deletion). */
export const dependantsSubjects = (service: string) => ({
  count: ns(`${service}.workspaceDependants.count`),
  remove: ns(`${service}.workspaceDependants.remove`),
});
