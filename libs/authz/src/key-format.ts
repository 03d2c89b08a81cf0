import { createHash } from 'node:crypto';

/**
 * API keys look like `pc_<t>_<key id, 32 hex>_<secret, 48 hex = 192 bits><check, 8 hex>`:
 * recognisable (and greppable when leaked), carrying their id, and checksummed so a mistyped
 * key is refused at the edge without any lookup.
 */
export const KEY_PATTERN = /^pc_(org|wss|wsu)_([0-9a-f]{32})_([0-9a-f]{48})([0-9a-f]{8})$/;
/** What an operator may choose as the bootstrap key (PORTCULLIS_BOOTSTRAP_ADMIN_KEY). */
export const CUSTOM_KEY_PATTERN = /^[A-Za-z0-9_-]{32,256}$/;

export const keyChecksum = (body: string) => createHash('sha256').update(body).digest('hex').slice(0, 8);

export type ParsedKey = { format: 'portcullis'; keyId: string; checksumOk: boolean } | { format: 'custom' } | { format: 'invalid' };

export function parseKey(raw: string): ParsedKey {
  const match = KEY_PATTERN.exec(raw);
  if (match) {
    const h = match[2]!;
    const keyId = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    return { format: 'portcullis', keyId, checksumOk: keyChecksum(raw.slice(0, -8)) === match[4] };
  }
  if (raw.startsWith('pc_')) return { format: 'invalid' };
  return CUSTOM_KEY_PATTERN.test(raw) ? { format: 'custom' } : { format: 'invalid' };
}
