import type { Decider } from '#libs/event-store';
import type { IdentityEvents } from '#libs/contracts';
import { emailTaken } from './invite.errors.js';

type Holder = IdentityEvents.EmailReserved['holder'];

export type EmailReservationEvent =
  | { type: 'EmailReserved'; data: IdentityEvents.EmailReserved }
  | { type: 'EmailReleased'; data: IdentityEvents.EmailReleased };

export type EmailReservationCommand =
  /** `replaces`: the invite whose reservation passes to the user accepting it. */
  | { type: 'ReserveEmail'; orgId: string; holder: Holder; expiresAt: string | null; replaces?: string; at: string }
  | { type: 'ReleaseEmail'; orgId: string; holderId: string; at: string };

export interface EmailReservationState {
  holder: Holder | null;
  expiresAt: string | null;
}

/**
 * Email uniqueness within an organisation, as a stream per (organisation, email): whoever
 * appends first holds it. Pending invites hold it until they expire, users until they leave.
 */
export const emailReservationDecider: Decider<EmailReservationCommand, EmailReservationEvent, EmailReservationState> = {
  initialState: () => ({ holder: null, expiresAt: null }),

  decide(command, state) {
    switch (command.type) {
      case 'ReserveEmail': {
        const current = state.holder;
        const lapsed = current?.kind === 'invite' && state.expiresAt !== null && state.expiresAt <= command.at;
        const free = !current || lapsed || current.id === command.holder.id || current.id === command.replaces;
        if (!free) throw emailTaken(current!.kind);
        if (current?.id === command.holder.id && state.expiresAt === command.expiresAt) return [];
        return [{ type: 'EmailReserved', data: { orgId: command.orgId, holder: command.holder, expiresAt: command.expiresAt, at: command.at } }];
      }
      case 'ReleaseEmail':
        if (state.holder?.id !== command.holderId) return [];
        return [{ type: 'EmailReleased', data: { orgId: command.orgId, holderId: command.holderId, at: command.at } }];
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'EmailReserved':
        return { holder: event.data.holder, expiresAt: event.data.expiresAt };
      case 'EmailReleased':
        return { holder: null, expiresAt: null };
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};
