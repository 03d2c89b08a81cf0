import { randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError, type EventMetadata, type EventStore } from '#libs/event-store';

const SLUG_ATTEMPTS = 8;

/**
 * A fresh slug, reserved by appending to its own stream with expected revision "no stream":
 * two resources never share one, whatever the read models say. Null when every attempt collided.
 */
export async function reserveSlug(
  store: EventStore,
  options: { make: () => string; stream: (slug: string) => string; eventType: string; data: (slug: string) => Record<string, unknown>; metadata: EventMetadata },
): Promise<string | null> {
  for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
    const slug = options.make();
    try {
      await store.append(options.stream(slug), [{ id: randomUUID(), type: options.eventType, data: options.data(slug), metadata: options.metadata }], {
        expectedRevision: 'no_stream',
      });
      return slug;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
  return null;
}
