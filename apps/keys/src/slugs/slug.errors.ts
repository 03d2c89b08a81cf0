import { DomainError } from '#libs/contracts';

export const slugTaken = (slug: string) => new DomainError('KEYS.SLUG_TAKEN', `the slug ${slug} is already in use`, 409, { slug });
