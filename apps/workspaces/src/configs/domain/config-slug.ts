import { randomBytes } from 'node:crypto';

/** Portkey's config slug shape: `pc-<first six letters of the name>-<6 hex>`. */
export function configSlug(name: string, random = randomBytes(3).toString('hex')): string {
  const stem = name.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 6) || 'config';
  return `pc-${stem}-${random}`;
}

export const CONFIG_SLUG_PATTERN = /^pc-[a-z0-9]{1,6}-[0-9a-f]{6}$/;
