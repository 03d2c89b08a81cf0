import { createHash, randomBytes } from 'node:crypto';

/** Invite tokens: `pcinv_<invite id, 32 hex>_<256 random bits, base64url>`. Only the hash is stored. */
const TOKEN = /^pcinv_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export function newInviteToken(inviteId: string): { token: string; hash: string } {
  const token = `pcinv_${inviteId.replace(/-/g, '')}_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The invite id a token names, or undefined when it is not a token of ours. */
export function inviteIdOf(token: string): string | undefined {
  const match = TOKEN.exec(token);
  if (!match) return undefined;
  const h = match[1]!;
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function emailHash(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 40);
}
