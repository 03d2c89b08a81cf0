import { randomUUID } from 'node:crypto';
import { handleCommand, type EventMetadata, type EventStore } from '#libs/event-store';
import { Streams } from '../streams.js';
import { emailClaimDecider, userDecider } from './domain/user.decider.js';

/**
 * The user behind an email: the existing one when the email was claimed before (someone joining
 * a second organisation), otherwise a new one. Safe to repeat.
 */
export async function registerUser(
  store: EventStore,
  person: { email: string; firstName: string; lastName: string; userId?: string },
  metadata: EventMetadata,
  at: string,
): Promise<{ userId: string; position: number }> {
  const claim = await handleCommand(
    store,
    Streams.userEmail(person.email),
    emailClaimDecider,
    { type: 'ClaimEmail', email: person.email, userId: person.userId ?? randomUUID(), at },
    { metadata },
  );
  const userId = claim.state.userId!;
  const registered = await handleCommand(
    store,
    Streams.user(userId),
    userDecider,
    { type: 'RegisterUser', userId, email: person.email, firstName: person.firstName, lastName: person.lastName, at },
    { metadata },
  );
  return { userId, position: Math.max(claim.position, registered.position) };
}
