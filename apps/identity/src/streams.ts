import { emailHash } from './invites/domain/invite-token.js';

/** Stream names of the identity service, in one place. */
export const Streams = {
  org: (orgId: string) => `org-${orgId}`,
  user: (userId: string) => `user-${userId}`,
  invite: (inviteId: string) => `invite-${inviteId}`,
  orgEmail: (orgId: string, email: string) => `orgEmail-${orgId}_${emailHash(email)}`,
  userEmail: (email: string) => `userEmail-${emailHash(email)}`,
  bootstrap: () => 'bootstrap-portcullis',
};
