import { DomainError } from '#libs/contracts';

/** Missing, archived-and-gone, or outside what the caller can see: 404 AB08. */
export const policyNotFound = (id: string) => new DomainError('POLICIES.NOT_FOUND', `policy ${id} was not found`, 404, { policy: id });
export const policyExists = (id: string) => new DomainError('POLICIES.EXISTS', `policy ${id} already exists`, 409);
