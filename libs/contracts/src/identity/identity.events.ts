/**
 * Event payloads of the identity service. Streams: `org-<orgId>`, `user-<userId>`,
 * `invite-<inviteId>`, `orgEmail-<orgId>_<emailHash>` (reservation), `userEmail-<emailHash>`
 * (global email → user), `bootstrap-portcullis`.
 */
export type OrgRole = 'owner' | 'admin' | 'member';

export interface OrganisationCreated {
  orgId: string;
  name: string;
  createdAt: string;
}
export interface OrgMemberAdded {
  orgId: string;
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  role: OrgRole;
  at: string;
}
export interface OrgMemberRoleChanged {
  orgId: string;
  userId: string;
  role: OrgRole;
  previousRole: OrgRole;
  at: string;
}
export interface OrgMemberRemoved {
  orgId: string;
  userId: string;
  email: string;
  at: string;
}

export interface UserRegistered {
  userId: string;
  email: string;
  firstName: string;
  lastName: string;
  at: string;
}

export interface InviteWorkspace {
  id: string;
  role: 'admin' | 'manager' | 'member';
}
export interface InviteCreated {
  inviteId: string;
  orgId: string;
  email: string;
  role: 'admin' | 'member';
  workspaces: InviteWorkspace[];
  scopes: string[] | null;
  invitedBy: string;
  /** SHA-256 of the single-use token; the token itself is never stored. */
  tokenHash: string;
  expiresAt: string;
  at: string;
}
export interface InviteResent {
  inviteId: string;
  orgId: string;
  tokenHash: string;
  expiresAt: string;
  at: string;
}
export interface InviteCancelled {
  inviteId: string;
  orgId: string;
  at: string;
}
export interface InviteAccepted {
  inviteId: string;
  orgId: string;
  userId: string;
  at: string;
}
export interface InviteAcceptanceCompleted {
  inviteId: string;
  orgId: string;
  userId: string;
  keyIds: string[];
  at: string;
}

export interface EmailReserved {
  orgId: string;
  holder: { kind: 'invite' | 'user'; id: string };
  expiresAt: string | null;
  at: string;
}
export interface EmailReleased {
  orgId: string;
  holderId: string;
  at: string;
}

export interface EmailClaimed {
  email: string;
  userId: string;
  at: string;
}

export interface BootstrapStarted {
  orgId: string;
  ownerUserId: string;
  workspaceId: string;
  at: string;
}
