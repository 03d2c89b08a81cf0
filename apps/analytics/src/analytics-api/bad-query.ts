import { DomainError } from '#libs/contracts';

/** 400 AB01 naming the query parameter, as the edge's validation does. */
export const badQuery = (field: string, message: string) =>
  new DomainError('COMMON.VALIDATION', `${field} ${message}`, 400, { fields: { [field]: [`${field} ${message}`] } });
