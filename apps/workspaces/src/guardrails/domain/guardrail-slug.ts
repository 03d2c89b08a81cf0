import { randomBytes } from 'node:crypto';

/** Guardrail slugs: `guard_<first six letters of the name>-<6 hex>` (Portkey's `guard_…`). */
export function guardrailSlug(name: string, random = randomBytes(3).toString('hex')): string {
  const stem = name.toLowerCase().replace(/[^a-z0-9]+/g, '').slice(0, 6) || 'rail';
  return `guard_${stem}-${random}`;
}

export const GUARDRAIL_SLUG_PATTERN = /^guard_[a-z0-9]{1,6}-[0-9a-f]{6}$/;
