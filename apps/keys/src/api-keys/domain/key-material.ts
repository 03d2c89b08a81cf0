import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ApiKeyType } from '#libs/contracts';

/**
 * API keys look like `pc_<t>_<key id, 32 hex>_<secret, 48 hex = 192 bits><check, 8 hex>`:
 * recognisable (and greppable when leaked), carrying their id (one lookup, no scan) and a
 * checksum (a mistyped key is refused without any lookup).
 */
export const KEY_PATTERN = /^pc_(org|wss|wsu)_([0-9a-f]{32})_([0-9a-f]{48})([0-9a-f]{8})$/;
/** What an operator may choose as the bootstrap key (PORTCULLIS_BOOTSTRAP_ADMIN_KEY). */
export const CUSTOM_KEY_PATTERN = /^[A-Za-z0-9_-]{32,256}$/;

const TYPE_CODE: Record<ApiKeyType, string> = { 'organisation-service': 'org', 'workspace-service': 'wss', 'workspace-user': 'wsu' };

const check = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 8);

export function generateKey(type: ApiKeyType, keyId: string): string {
  const body = `pc_${TYPE_CODE[type]}_${keyId.replace(/-/g, '')}_${randomBytes(24).toString('hex')}`;
  return `${body}${check(body)}`;
}

export type ParsedKey = { format: 'portcullis'; keyId: string; checksumOk: boolean } | { format: 'custom' } | { format: 'invalid' };

export function parseKey(raw: string): ParsedKey {
  const match = KEY_PATTERN.exec(raw);
  if (match) {
    const h = match[2]!;
    const keyId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    return { format: 'portcullis', keyId, checksumOk: check(raw.slice(0, -8)) === match[4] };
  }
  if (raw.startsWith('pc_')) return { format: 'invalid' };
  return CUSTOM_KEY_PATTERN.test(raw) ? { format: 'custom' } : { format: 'invalid' };
}

/** HMAC-SHA-256 with the server pepper: what is stored instead of the key. */
export function keyDigest(pepper: string, raw: string): string {
  return createHmac('sha256', pepper).update(raw).digest('hex');
}

export function digestsEqual(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

/** Display form: enough to recognise a key, never enough to use it. */
export function maskKey(raw: string): string {
  return `${raw.slice(0, 7)}*****${raw.slice(-4)}`;
}
