import { DomainError } from '#libs/contracts';

/** Missing or foreign workspaces answer 403 AB03, as Portkey does (Terraform reads 403 as "gone"). */
export const workspaceNotFound = (ref: string) =>
  new DomainError('WORKSPACES.NOT_FOUND', `workspace ${ref} was not found`, 403, { workspace: ref, errorCode: 'AB03' });
export const workspaceExists = (id: string) => new DomainError('WORKSPACES.EXISTS', `workspace ${id} already exists`, 409);
export const defaultWorkspaceProtected = (what: string) =>
  new DomainError('WORKSPACES.DEFAULT_WORKSPACE', `the default workspace cannot be ${what}`, 409);
export const nameConfirmationMismatch = () =>
  new DomainError('WORKSPACES.NAME_CONFIRMATION', 'name does not match the workspace\'s name (leave it out, or give the exact name)', 400);
export const hasDependants = (count: number, kinds: Record<string, number>) =>
  new DomainError(
    'WORKSPACES.HAS_DEPENDANTS',
    `the workspace still holds ${count} resource(s) (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ')}); delete them or pass force_delete: true`,
    409,
    { count, kinds },
  );
export const workspaceArchived = () => new DomainError('WORKSPACES.ARCHIVED', 'the workspace is archived', 409);
export const memberNotFound = (userId: string) =>
  new DomainError('WORKSPACES.MEMBER_NOT_FOUND', `user ${userId} is not a member of this workspace`, 404, { userId });
export const userNotInOrganisation = (userId: string) =>
  new DomainError('WORKSPACES.USER_NOT_FOUND', `user ${userId} is not a member of this organisation`, 404, { userId });
export const slugUnavailable = () => new DomainError('WORKSPACES.SLUG_UNAVAILABLE', 'no free workspace slug was found; try again', 409);
