import { randomBytes, randomUUID } from 'node:crypto';
import type { PromptEvents } from '#libs/contracts';
import { WrongExpectedRevisionError, type EventMetadata, type EventStore } from '#libs/event-store';
import { slugUnavailable } from './library.errors.js';

const ATTEMPTS = 8;

/** `<prefix>-<name, kebab-cased, ≤ 24 characters>-<6 hex>` (reference §1: `pp-…`, `co-…`). */
export function librarySlug(prefix: string, name: string, random = randomBytes(3).toString('hex')): string {
  const stem = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '').slice(0, 24).replace(/-+$/, '');
  return `${prefix}-${stem || 'item'}-${random}`;
}

/**
 * Reserves a fresh slug for `resourceId` in an organisation: a stream per slug appended with
 * "no stream", so two resources never share one (path lookups by slug span the organisation).
 */
export async function reserveSlug(
  store: EventStore,
  streamOf: (orgId: string, slug: string) => string,
  what: { prefix: string; label: string },
  name: string,
  orgId: string,
  resourceId: string,
  metadata: EventMetadata,
  at: string,
): Promise<string> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const slug = librarySlug(what.prefix, name);
    const data: PromptEvents.LibrarySlugReserved = { orgId, slug, resourceId, at };
    try {
      await store.append(streamOf(orgId, slug), [{ id: randomUUID(), type: 'LibrarySlugReserved', data, metadata }], { expectedRevision: 'no_stream' });
      return slug;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
  throw slugUnavailable(what.label);
}
