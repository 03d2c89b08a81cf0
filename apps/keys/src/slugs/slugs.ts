import { randomBytes } from 'node:crypto';
import { handleCommand, WrongExpectedRevisionError, type EventMetadata, type EventStore } from '#libs/event-store';
import { slugDecider } from './slug.decider.js';
import { slugTaken } from './slug.errors.js';

const ATTEMPTS = 8;

/** `name` as a slug stem: lower case, dashes, at most 40 characters. */
export function slugStem(name: string, fallback: string): string {
  const stem = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/g, '');
  return stem || fallback;
}

export interface SlugScope {
  stream: (slug: string) => string;
  scopeId: string;
}

/**
 * Reserves the requested slug (409 when taken), or, without one, the name plus a random suffix
 * (a few tries). Returns the slug now held by `ownerId`.
 */
export async function reserveSlug(
  store: EventStore,
  scope: SlugScope,
  request: { slug?: string; name: string; fallback: string; ownerId: string },
  metadata: EventMetadata,
  at: string,
): Promise<string> {
  const reserve = (slug: string) =>
    handleCommand(store, scope.stream(slug), slugDecider, { type: 'ReserveSlug', scopeId: scope.scopeId, slug, ownerId: request.ownerId, at }, { metadata, maxRetries: 0 });
  if (request.slug) {
    await reserve(request.slug).catch((error) => {
      // A concurrent reservation of the same slug is the same answer as a held one.
      throw error instanceof WrongExpectedRevisionError ? slugTaken(request.slug!) : error;
    });
    return request.slug;
  }
  const stem = slugStem(request.name, request.fallback);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const slug = `${stem}-${randomBytes(3).toString('hex')}`;
    try {
      await reserve(slug);
      return slug;
    } catch (error) {
      // Taken (or raced): draw another suffix.
      if (!(error instanceof WrongExpectedRevisionError) && (error as { code?: string }).code !== 'KEYS.SLUG_TAKEN') throw error;
    }
  }
  throw slugTaken(`${stem}-…`);
}

/** Frees a slug its owner no longer needs (the owner was deleted). */
export async function releaseSlug(store: EventStore, scope: SlugScope, slug: string, ownerId: string, metadata: EventMetadata, at: string): Promise<void> {
  await handleCommand(store, scope.stream(slug), slugDecider, { type: 'ReleaseSlug', scopeId: scope.scopeId, slug, ownerId, at }, { metadata, maxRetries: 5 });
}
