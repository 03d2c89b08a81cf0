import { ns } from '../common/namespace.js';

export const IdentitySubjects = {
  listUsers: ns('identity.users.list'),
  getUser: ns('identity.users.get'),
  updateUserRole: ns('identity.user.updateRole'),
  deleteUser: ns('identity.user.delete'),
  createInvite: ns('identity.invite.create'),
  listInvites: ns('identity.invites.list'),
  getInvite: ns('identity.invites.get'),
  cancelInvite: ns('identity.invite.cancel'),
  resendInvite: ns('identity.invite.resend'),
  acceptInvite: ns('identity.invite.accept'),
  /** Internal (CLI): a further organisation with its owner, default workspace and master key. */
  createOrganisation: ns('identity.organisation.create'),
  /** Internal: a user's organisation role (for other services' rules). */
  getOrgMember: ns('identity.orgMembers.get'),
} as const;
