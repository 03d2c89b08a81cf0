import { DomainError } from '#libs/contracts';

/**
 * Secrets fail loudly: a wrong master key or a damaged ciphertext is a 500 naming what does not
 * match (key ids, never key material), not a quiet empty credential.
 */
export const masterKeyMismatch = (orgId: string, wrappedBy: string, available: string[]) =>
  new DomainError(
    'SECRETS.MASTER_KEY_MISMATCH',
    `the data key of organisation ${orgId} is wrapped by master key ${wrappedBy}, but the configured master key is ${available.join(' / ') || 'none'} (check PORTCULLIS_MASTER_KEY or <data dir>/master-key)`,
    500,
    { orgId, wrappedBy, available },
  );

export const decryptionFailed = (what: string) =>
  new DomainError('SECRETS.DECRYPTION_FAILED', `${what} could not be decrypted: wrong key or damaged ciphertext`, 500);

export const invalidMasterKey = (origin: string) =>
  new DomainError('SECRETS.INVALID_MASTER_KEY', `${origin} must be 32 bytes: 64 hex characters or base64`, 500);

export const dataKeyMissing = (orgId: string) => new DomainError('SECRETS.NO_DATA_KEY', `organisation ${orgId} has no data key`, 500, { orgId });

export const dataKeyMoved = (orgId: string, expected: string, actual: string) =>
  new DomainError('SECRETS.DATA_KEY_MOVED', `the data key of organisation ${orgId} is wrapped by ${actual}, not ${expected}: someone else is re-wrapping`, 409, { orgId });
