import type { IdentityEvents } from '#libs/contracts';
import { foldState, type EventStore } from '#libs/event-store';
import { Streams } from '../streams.js';
import { inviteDecider, type InviteState } from './domain/invite.decider.js';
import { inviteNotFound } from './domain/invite.errors.js';

/** The invite, if it belongs to `orgId`; another organisation's invite is as good as missing. */
export async function loadInviteOfOrg(store: EventStore, inviteId: string, orgId: string): Promise<IdentityEvents.InviteCreated & { state: InviteState }> {
  const state = foldState(inviteDecider, await store.readStream(Streams.invite(inviteId)));
  if (!state.invite || state.invite.orgId !== orgId) throw inviteNotFound(inviteId);
  return { ...state.invite, state };
}
