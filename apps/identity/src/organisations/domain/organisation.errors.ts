import { DomainError } from '#libs/contracts';

export const lastOwner = () =>
  new DomainError('IDENTITY.LAST_OWNER', 'the last owner of an organisation cannot be demoted or removed', 409);
export const notAMember = (userId: string) =>
  new DomainError('IDENTITY.USER_NOT_FOUND', `user ${userId} was not found in this organisation`, 404, { userId });
export const alreadyAMember = (userId: string) =>
  new DomainError('IDENTITY.ALREADY_A_MEMBER', `user ${userId} is already a member of this organisation`, 409, { userId });
export const organisationExists = (orgId: string) =>
  new DomainError('IDENTITY.ORGANISATION_EXISTS', `organisation ${orgId} already exists`, 409);
export const organisationMissing = (orgId: string) =>
  new DomainError('IDENTITY.ORGANISATION_NOT_FOUND', `organisation ${orgId} was not found`, 404);
