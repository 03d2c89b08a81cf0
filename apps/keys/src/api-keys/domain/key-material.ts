import { createHmac, randomBytes } from 'node:crypto';
import { keyChecksum } from '#libs/authz';
import type { ApiKeyType } from '#libs/contracts';

export { CUSTOM_KEY_PATTERN, KEY_PATTERN, parseKey, type ParsedKey } from '#libs/authz';

const TYPE_CODE: Record<ApiKeyType, string> = { 'organisation-service': 'org', 'workspace-service': 'wss', 'workspace-user': 'wsu' };

/** A new secret for key `keyId`: 192 random bits between its id and its checksum. */
export function generateKey(type: ApiKeyType, keyId: string): string {
  const body = `pc_${TYPE_CODE[type]}_${keyId.replace(/-/g, '')}_${randomBytes(24).toString('hex')}`;
  return `${body}${keyChecksum(body)}`;
}

/** HMAC-SHA-256 with the server pepper: what is stored instead of the key. */
export function keyDigest(pepper: string, raw: string): string {
  return createHmac('sha256', pepper).update(raw).digest('hex');
}

/** Display form: enough to recognise a key, never enough to use it. */
export function maskKey(raw: string): string {
  return `${raw.slice(0, 7)}*****${raw.slice(-4)}`;
}
