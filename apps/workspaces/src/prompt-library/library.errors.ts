import { DomainError, type RefUser } from '#libs/contracts';

/** Missing, deleted or out-of-reach prompts, partials, collections and labels: 404 AB08 (reference §2.9). */
export const libraryNotFound = (what: string, ref: string) =>
  new DomainError('PROMPTS.NOT_FOUND', `${what} ${ref} was not found`, 404, { resource: what, id: ref, errorCode: 'AB08' });

/** A rule about one request field: 400 AB01 naming it, like the edge's validation errors. */
export const invalidField = (field: string, message: string) =>
  new DomainError('PROMPTS.INVALID', `${field}: ${message}`, 400, { fields: { [field]: [message] } });

export const inUse = (what: string, ref: string, users: RefUser[], total = users.length) =>
  new DomainError(
    'PROMPTS.IN_USE',
    `${what} ${ref} is in use by ${total} resource(s): ${users
      .slice(0, 10)
      .map((u) => `${u.type} ${u.name ?? u.id}`)
      .join(', ')}${total > 10 ? ', …' : ''}`,
    409,
    { users: users.slice(0, 50), total },
  );

export const outsideWorkspace = (message: string) => new DomainError('PROMPTS.FORBIDDEN', message, 403, { errorCode: 'AB03' });

export const slugUnavailable = (what: string) => new DomainError('PROMPTS.SLUG_UNAVAILABLE', `no free ${what} slug was found; try again`, 409);
