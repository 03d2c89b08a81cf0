import { DomainError } from '#libs/contracts';

export const inviteNotFound = (inviteId: string) =>
  new DomainError('IDENTITY.INVITE_NOT_FOUND', `invite ${inviteId} was not found`, 404, { inviteId });
export const inviteExists = (inviteId: string) => new DomainError('IDENTITY.INVITE_EXISTS', `invite ${inviteId} already exists`, 409);
export const inviteNotPending = (status: string) =>
  new DomainError('IDENTITY.INVITE_NOT_PENDING', `the invite is ${status}, not pending`, 409, { status });
export const inviteTokenInvalid = () =>
  new DomainError('IDENTITY.INVITE_TOKEN_INVALID', 'the invite token is invalid or has been replaced by a newer one', 400);
export const inviteExpired = () => new DomainError('IDENTITY.INVITE_EXPIRED', 'the invite has expired; ask for it to be resent', 409);
export const inviteCancelled = () => new DomainError('IDENTITY.INVITE_CANCELLED', 'the invite was cancelled', 409);
export const inviteAlreadyAccepted = () => new DomainError('IDENTITY.INVITE_ALREADY_ACCEPTED', 'the invite has already been accepted', 409);
export const emailTaken = (kind: 'invite' | 'user') =>
  new DomainError(
    kind === 'user' ? 'IDENTITY.USER_EXISTS' : 'IDENTITY.INVITE_PENDING',
    kind === 'user' ? 'a user with this email already belongs to the organisation' : 'a pending invite for this email already exists',
    409,
  );
