import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { MasterKey } from './master-key.js';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const b64u = (b: Buffer) => b.toString('base64url');

/**
 * AES-256-GCM with a fresh 96-bit IV, as `v1.<iv>.<ciphertext>.<tag>` (base64url). The AAD binds
 * a box to where it belongs, so a ciphertext copied onto another record does not open there.
 */
export function seal(key: Buffer, plaintext: Buffer | string, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
  return ['v1', b64u(iv), b64u(ct), b64u(cipher.getAuthTag())].join('.');
}

/** The plaintext of a box, or null when the key, the AAD or the box is not the right one. */
export function open(key: Buffer, box: string, aad: string): Buffer | null {
  const parts = box.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') return null;
  const [iv, ct, tag] = parts.slice(1).map((p) => Buffer.from(p, 'base64url'));
  if (iv!.length !== IV_BYTES || tag!.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv!);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag!);
    return Buffer.concat([decipher.update(ct!), decipher.final()]);
  } catch {
    return null;
  }
}

const dataKeyAad = (orgId: string, keyId: string) => `portcullis data key\n${orgId}\n${keyId}`;

/** A data key wrapped by a master key. */
export function wrapDataKey(master: MasterKey, dataKey: Buffer, orgId: string, keyId: string): string {
  return seal(master.key, dataKey, dataKeyAad(orgId, keyId));
}

export function unwrapDataKey(master: MasterKey, wrapped: string, orgId: string, keyId: string): Buffer | null {
  return open(master.key, wrapped, dataKeyAad(orgId, keyId));
}

export function generateDataKey(): Buffer {
  return randomBytes(32);
}

/** Where a sealed secret belongs: its organisation, the record holding it and the field. */
export function secretAad(orgId: string, ownerId: string, field: string): string {
  return `portcullis secret\n${orgId}\n${ownerId}\n${field}`;
}
