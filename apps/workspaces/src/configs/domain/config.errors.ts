import { describeRefUsers, DomainError, type RefUser } from '#libs/contracts';

/** Missing, deleted, or outside what the caller can see (another workspace or organisation): 404 AB08. */
export const configNotFound = (ref: string) => new DomainError('CONFIGS.NOT_FOUND', `config ${ref} was not found`, 404, { config: ref });
export const configExists = (id: string) => new DomainError('CONFIGS.EXISTS', `config ${id} already exists`, 409);
export const configSlugUnavailable = () => new DomainError('CONFIGS.SLUG_UNAVAILABLE', 'no free config slug was found; try again', 409);

/** Something still names the config (a workspace default, an API key's default config). */
export const configInUse = (ref: string, users: RefUser[]) =>
  new DomainError('CONFIGS.IN_USE', `config ${ref} is in use by ${describeRefUsers(users)}; remove those references first`, 409, { users });
