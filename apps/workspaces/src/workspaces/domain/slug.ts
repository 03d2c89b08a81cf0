import { randomBytes } from 'node:crypto';

/** Portkey's workspace slug shape: `ws-<first six letters of the name>-<6 hex>`. */
export function workspaceSlug(name: string, random = randomBytes(3).toString('hex')): string {
  const stem = name.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 6) || 'space';
  return `ws-${stem}-${random}`;
}

export const SLUG_PATTERN = /^ws-[a-z0-9]{1,6}-[0-9a-f]{6}$/;
