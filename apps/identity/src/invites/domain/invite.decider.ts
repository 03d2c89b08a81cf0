import type { Decider } from '#libs/event-store';
import type { IdentityEvents } from '#libs/contracts';
import {
  inviteAlreadyAccepted,
  inviteCancelled,
  inviteExists,
  inviteExpired,
  inviteNotFound,
  inviteNotPending,
  inviteTokenInvalid,
} from './invite.errors.js';

export type InviteEvent =
  | { type: 'InviteCreated'; data: IdentityEvents.InviteCreated }
  | { type: 'InviteResent'; data: IdentityEvents.InviteResent }
  | { type: 'InviteCancelled'; data: IdentityEvents.InviteCancelled }
  | { type: 'InviteAccepted'; data: IdentityEvents.InviteAccepted }
  | { type: 'InviteAcceptanceCompleted'; data: IdentityEvents.InviteAcceptanceCompleted };

export type InviteCommand =
  | { type: 'CreateInvite'; invite: Omit<IdentityEvents.InviteCreated, 'at'>; at: string }
  | { type: 'ResendInvite'; inviteId: string; tokenHash: string; expiresAt: string; at: string }
  | { type: 'CancelInvite'; inviteId: string; at: string }
  | { type: 'AcceptInvite'; inviteId: string; tokenHash: string; userId: string; at: string }
  | { type: 'CompleteAcceptance'; inviteId: string; keyIds: string[]; at: string };

export interface InviteState {
  invite: IdentityEvents.InviteCreated | null;
  status: 'pending' | 'cancelled' | 'accepted';
  tokenHash: string | null;
  expiresAt: string | null;
  acceptedBy: string | null;
  completed: boolean;
}

/**
 * Invites: single-use tokens (only their hash is kept), expiry, resend voiding the old token,
 * and an acceptance in two steps so a failure half-way can be resumed with the same token.
 */
export const inviteDecider: Decider<InviteCommand, InviteEvent, InviteState> = {
  initialState: () => ({ invite: null, status: 'pending', tokenHash: null, expiresAt: null, acceptedBy: null, completed: false }),

  decide(command, state) {
    if (command.type === 'CreateInvite') {
      if (state.invite) throw inviteExists(command.invite.inviteId);
      return [{ type: 'InviteCreated', data: { ...command.invite, at: command.at } }];
    }
    const invite = state.invite;
    if (!invite) throw inviteNotFound(command.inviteId);
    const base = { inviteId: invite.inviteId, orgId: invite.orgId, at: command.at };
    switch (command.type) {
      case 'ResendInvite':
        if (state.status !== 'pending') throw inviteNotPending(state.status);
        return [{ type: 'InviteResent', data: { ...base, tokenHash: command.tokenHash, expiresAt: command.expiresAt } }];
      case 'CancelInvite':
        if (state.status !== 'pending') throw inviteNotPending(state.status);
        return [{ type: 'InviteCancelled', data: base }];
      case 'AcceptInvite':
        if (state.tokenHash !== command.tokenHash) throw inviteTokenInvalid();
        if (state.status === 'cancelled') throw inviteCancelled();
        if (state.status === 'accepted') {
          // The same person resuming an acceptance that failed half-way gets to finish it.
          if (!state.completed && state.acceptedBy === command.userId) return [];
          throw inviteAlreadyAccepted();
        }
        if (state.expiresAt! <= command.at) throw inviteExpired();
        return [{ type: 'InviteAccepted', data: { ...base, userId: command.userId } }];
      case 'CompleteAcceptance':
        if (state.status !== 'accepted' || state.completed) return [];
        return [{ type: 'InviteAcceptanceCompleted', data: { ...base, userId: state.acceptedBy!, keyIds: command.keyIds } }];
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'InviteCreated':
        return { ...state, invite: event.data, tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt };
      case 'InviteResent':
        return { ...state, tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt };
      case 'InviteCancelled':
        return { ...state, status: 'cancelled' };
      case 'InviteAccepted':
        return { ...state, status: 'accepted', acceptedBy: event.data.userId };
      case 'InviteAcceptanceCompleted':
        return { ...state, completed: true };
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};
