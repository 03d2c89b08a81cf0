import type { IdentityEvents, InviteView } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

export interface InviteDoc extends ProjectedDocument {
  orgId: string;
  email: string;
  role: 'admin' | 'member';
  status: 'pending' | 'cancelled' | 'accepted';
  workspaces: IdentityEvents.InviteWorkspace[];
  scopes: string[] | null;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
}

/** Invites of every organisation; "expired" is derived from `expiresAt` at read time. */
export const invitesProjection: ProjectionDefinition<InviteDoc> = {
  name: 'invites-projection',
  source: import.meta.url,
  collection: 'invites',
  categories: ['invite'],
  keysOf: (event) => [(event.data as { inviteId: string }).inviteId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'InviteCreated': {
        const d = event.data as IdentityEvents.InviteCreated;
        return {
          _id: d.inviteId,
          orgId: d.orgId,
          email: d.email,
          role: d.role,
          status: 'pending',
          workspaces: d.workspaces,
          scopes: d.scopes,
          invitedBy: d.invitedBy,
          createdAt: d.at,
          expiresAt: d.expiresAt,
          acceptedAt: null,
        };
      }
      case 'InviteResent':
        return doc && { ...doc, expiresAt: (event.data as IdentityEvents.InviteResent).expiresAt };
      case 'InviteCancelled':
        return doc && { ...doc, status: 'cancelled' };
      case 'InviteAccepted':
        return doc && { ...doc, status: 'accepted', acceptedAt: (event.data as IdentityEvents.InviteAccepted).at };
      default:
        return doc;
    }
  },
  indexes: {
    byOrg: ['orgId', 'createdAt'],
    byEmail: ['orgId', 'email', 'createdAt'],
    byStatus: ['orgId', 'status', 'createdAt'],
    byRole: ['orgId', 'role', 'createdAt'],
  },
};

export function toInviteView(doc: InviteDoc, now: string): InviteView {
  return {
    object: 'invite',
    id: doc._id,
    email: doc.email,
    role: doc.role,
    status: doc.status === 'pending' && doc.expiresAt <= now ? 'expired' : doc.status,
    created_at: doc.createdAt,
    expires_at: doc.expiresAt,
    accepted_at: doc.acceptedAt,
    invited_by: doc.invitedBy,
    workspaces: doc.workspaces,
    workspace_api_key_details: doc.scopes ? { scopes: doc.scopes } : null,
  };
}
