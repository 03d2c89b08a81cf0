import { describeRefUsers, DomainError, type RefUser } from '#libs/contracts';

/** Missing, deleted, or outside what the caller can see: 404 AB08. */
export const guardrailNotFound = (ref: string) => new DomainError('GUARDRAILS.NOT_FOUND', `guardrail ${ref} was not found`, 404, { guardrail: ref });
export const guardrailExists = (id: string) => new DomainError('GUARDRAILS.EXISTS', `guardrail ${id} already exists`, 409);
export const guardrailSlugUnavailable = () => new DomainError('GUARDRAILS.SLUG_UNAVAILABLE', 'no free guardrail slug was found; try again', 409);

/** A config or a workspace default still names the guardrail. */
export const guardrailInUse = (ref: string, users: RefUser[]) =>
  new DomainError(
    'GUARDRAILS.IN_USE',
    `guardrail ${ref} is in use by ${describeRefUsers(users)}; remove those references first`,
    409,
    { users },
  );
