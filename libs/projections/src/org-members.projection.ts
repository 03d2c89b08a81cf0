import type { IdentityEvents } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';
import type { RecordedEvent } from '#libs/event-store';
import type { ReadModels } from './read-models.js';

export interface OrgMemberDoc extends ProjectedDocument {
  orgId: string;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: 'owner' | 'admin' | 'member';
  createdAt: string;
  lastUpdatedAt: string;
  /** Workspaces of this organisation the user belongs to. */
  workspaceIds: string[];
}

export const orgMemberId = (orgId: string, userId: string) => `${orgId}:${userId}`;

type Data = { orgId?: string; userId?: string };

/**
 * Organisation members (one document per organisation × user) with their workspaces, from
 * identity and workspace events. Identity serves `/admin/users` from it; workspaces and keys
 * use it to check membership and roles.
 */
export const orgMembersProjection = (collection = 'org_members'): ProjectionDefinition<OrgMemberDoc> => ({
  name: `${collection}-projection`,
  source: import.meta.url,
  collection,
  categories: ['org', 'workspace'],
  keysOf: (event: RecordedEvent) => {
    const d = event.data as Data;
    return d.orgId && d.userId ? [orgMemberId(d.orgId, d.userId)] : [];
  },
  evolve: (doc, event) => {
    switch (event.type) {
      case 'OrgMemberAdded': {
        const d = event.data as IdentityEvents.OrgMemberAdded;
        return {
          _id: orgMemberId(d.orgId, d.userId),
          orgId: d.orgId,
          userId: d.userId,
          email: d.email,
          firstName: d.firstName,
          lastName: d.lastName,
          role: d.role,
          createdAt: d.at,
          lastUpdatedAt: d.at,
          workspaceIds: doc?.workspaceIds ?? [],
        };
      }
      case 'OrgMemberRoleChanged': {
        const d = event.data as IdentityEvents.OrgMemberRoleChanged;
        return doc && { ...doc, role: d.role, lastUpdatedAt: d.at };
      }
      case 'OrgMemberRemoved':
        return null;
      case 'WorkspaceMemberAdded': {
        const d = event.data as { workspaceId: string; at: string };
        return doc && { ...doc, workspaceIds: [...new Set([...doc.workspaceIds, d.workspaceId])], lastUpdatedAt: d.at };
      }
      case 'WorkspaceMemberRemoved': {
        const d = event.data as { workspaceId: string; at: string };
        return doc && { ...doc, workspaceIds: doc.workspaceIds.filter((w) => w !== d.workspaceId), lastUpdatedAt: d.at };
      }
      default:
        return doc;
    }
  },
  indexes: {
    // GET /admin/users, oldest first, optionally by role; emails are unique per organisation.
    byOrg: ['orgId', 'createdAt'],
    byRole: ['orgId', 'role', 'createdAt'],
    byEmail: ['orgId', 'email'],
  },
});

export async function findOrgMember(models: ReadModels, orgId: string, userId: string, collection = 'org_members'): Promise<OrgMemberDoc | null> {
  return models.collection<OrgMemberDoc>(collection).get(orgMemberId(orgId, userId));
}

/**
 * Membership checks that must not fail on projection lag (someone joined a moment ago through
 * another request): a miss catches the projections up with the store and looks again.
 */
export async function findOrgMemberFresh(models: ReadModels, orgId: string, userId: string): Promise<OrgMemberDoc | null> {
  const found = await findOrgMember(models, orgId, userId);
  if (found) return found;
  await models.catchUp();
  return findOrgMember(models, orgId, userId);
}
