import { DomainError } from '#libs/contracts';

export const apiKeyNotFound = (id: string) => new DomainError('KEYS.NOT_FOUND', `API key ${id} was not found`, 404, { id });
export const apiKeyExists = (id: string) => new DomainError('KEYS.EXISTS', `API key ${id} already exists`, 409);
export const invalidApiKey = (reason: string, owner?: { keyId: string; orgId: string }) =>
  new DomainError('KEYS.INVALID', `invalid API key: ${reason}`, 401, owner ? { keyId: owner.keyId, orgId: owner.orgId } : undefined);
export const keyDenied = (reason: string, missing?: string) =>
  new DomainError('KEYS.FORBIDDEN', missing ? `${reason} (missing permission: ${missing})` : reason, 403, { errorCode: 'AB03', ...(missing ? { missing } : {}) });
export const badKeyRequest = (code: string, message: string, details?: Record<string, unknown>) => new DomainError(`KEYS.${code}`, message, 400, details);
