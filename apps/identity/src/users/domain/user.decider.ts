import type { Decider } from '#libs/event-store';
import type { IdentityEvents } from '#libs/contracts';

export type UserEvent = { type: 'UserRegistered'; data: IdentityEvents.UserRegistered };
export type UserCommand = { type: 'RegisterUser'; userId: string; email: string; firstName: string; lastName: string; at: string };
export interface UserState {
  registered: boolean;
}

/** A person, across organisations. Registering twice is harmless (accepting a second invite). */
export const userDecider: Decider<UserCommand, UserEvent, UserState> = {
  initialState: () => ({ registered: false }),
  decide: (command, state) =>
    state.registered
      ? []
      : [{ type: 'UserRegistered', data: { userId: command.userId, email: command.email, firstName: command.firstName, lastName: command.lastName, at: command.at } }],
  evolve: (state) => ({ ...state, registered: true }),
};

export type EmailClaimEvent = { type: 'EmailClaimed'; data: IdentityEvents.EmailClaimed };
export type EmailClaimCommand = { type: 'ClaimEmail'; email: string; userId: string; at: string };
export interface EmailClaimState {
  userId: string | null;
}

/** One user per email across the deployment: the first claim wins, later ones learn its id. */
export const emailClaimDecider: Decider<EmailClaimCommand, EmailClaimEvent, EmailClaimState> = {
  initialState: () => ({ userId: null }),
  decide: (command, state) =>
    state.userId ? [] : [{ type: 'EmailClaimed', data: { email: command.email, userId: command.userId, at: command.at } }],
  evolve: (_state, event) => ({ userId: event.data.userId }),
};
