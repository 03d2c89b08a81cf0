import type { WorkspaceEvents } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';
import type { RecordedEvent } from '#libs/event-store';
import type { ReadModels } from './read-models.js';

export interface WorkspaceMemberDoc extends ProjectedDocument {
  orgId: string;
  workspaceId: string;
  userId: string;
  role: 'admin' | 'manager' | 'member';
  createdAt: string;
  lastUpdatedAt: string;
}

export const workspaceMemberId = (workspaceId: string, userId: string) => `${workspaceId}:${userId}`;

/** Workspace memberships (one document per workspace × user), from workspace events. */
export const workspaceMembersProjection = (collection = 'workspace_members'): ProjectionDefinition<WorkspaceMemberDoc> => ({
  name: `${collection}-projection`,
  source: import.meta.url,
  collection,
  categories: ['workspace'],
  keysOf: (event: RecordedEvent) => {
    const d = event.data as { workspaceId?: string; userId?: string };
    return d.workspaceId && d.userId ? [workspaceMemberId(d.workspaceId, d.userId)] : [];
  },
  evolve: (doc, event) => {
    switch (event.type) {
      case 'WorkspaceMemberAdded': {
        const d = event.data as WorkspaceEvents.WorkspaceMemberAdded;
        return {
          _id: workspaceMemberId(d.workspaceId, d.userId),
          orgId: d.orgId,
          workspaceId: d.workspaceId,
          userId: d.userId,
          role: d.role,
          createdAt: d.at,
          lastUpdatedAt: d.at,
        };
      }
      case 'WorkspaceMemberRoleChanged': {
        const d = event.data as WorkspaceEvents.WorkspaceMemberRoleChanged;
        return doc && { ...doc, role: d.role, lastUpdatedAt: d.at };
      }
      case 'WorkspaceMemberRemoved':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    // GET /admin/workspaces/{id}/users, oldest first, optionally by role.
    byWorkspace: ['workspaceId', 'createdAt'],
    byRole: ['workspaceId', 'role', 'createdAt'],
    // A user's memberships in an organisation (clean-ups when they leave).
    byUser: ['orgId', 'userId'],
  },
});

export async function findWorkspaceMember(
  models: ReadModels,
  workspaceId: string,
  userId: string,
  collection = 'workspace_members',
): Promise<WorkspaceMemberDoc | null> {
  return models.collection<WorkspaceMemberDoc>(collection).get(workspaceMemberId(workspaceId, userId));
}

/** As `findOrgMemberFresh`: a miss catches up with the store once before answering. */
export async function findWorkspaceMemberFresh(models: ReadModels, workspaceId: string, userId: string): Promise<WorkspaceMemberDoc | null> {
  const found = await findWorkspaceMember(models, workspaceId, userId);
  if (found) return found;
  await models.catchUp();
  return findWorkspaceMember(models, workspaceId, userId);
}
