import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { inviteDecider, type InviteEvent } from './invite.decider.js';

const at = '2026-01-01T00:00:00.000Z';
const later = '2026-01-20T00:00:00.000Z';
const invite = {
  inviteId: 'i-1',
  orgId: 'org-1',
  email: 'new@x.io',
  role: 'member' as const,
  workspaces: [{ id: 'ws-1', role: 'member' as const }],
  scopes: null,
  invitedBy: 'key-1',
  tokenHash: 'h1',
  expiresAt: '2026-01-08T00:00:00.000Z',
};
const created: InviteEvent = { type: 'InviteCreated', data: { ...invite, at } };
const base = { inviteId: 'i-1', orgId: 'org-1', at };
const accepted: InviteEvent = { type: 'InviteAccepted', data: { ...base, userId: 'u-9' } };
const spec = deciderSpec(inviteDecider);

describe('invite decider', () => {
  it('accepting with the current token before expiry accepts the invite', () => {
    spec.given([created]).when({ type: 'AcceptInvite', inviteId: 'i-1', tokenHash: 'h1', userId: 'u-9', at }).then([accepted]);
  });

  it('a resent invite voids the old token', () => {
    const resent: InviteEvent = { type: 'InviteResent', data: { ...base, tokenHash: 'h2', expiresAt: later } };
    spec.given([created, resent]).when({ type: 'AcceptInvite', inviteId: 'i-1', tokenHash: 'h1', userId: 'u-9', at }).thenThrows({ code: 'IDENTITY.INVITE_TOKEN_INVALID' });
    spec.given([created, resent]).when({ type: 'AcceptInvite', inviteId: 'i-1', tokenHash: 'h2', userId: 'u-9', at: '2026-01-10T00:00:00.000Z' }).then([
      { type: 'InviteAccepted', data: { ...base, userId: 'u-9', at: '2026-01-10T00:00:00.000Z' } },
    ]);
  });

  it('an expired invite cannot be accepted', () => {
    spec.given([created]).when({ type: 'AcceptInvite', inviteId: 'i-1', tokenHash: 'h1', userId: 'u-9', at: later }).thenThrows({ code: 'IDENTITY.INVITE_EXPIRED' });
  });

  it('a cancelled invite cannot be accepted, resent or cancelled again', () => {
    const cancelled: InviteEvent = { type: 'InviteCancelled', data: base };
    spec.given([created, cancelled]).when({ type: 'AcceptInvite', inviteId: 'i-1', tokenHash: 'h1', userId: 'u-9', at }).thenThrows({ code: 'IDENTITY.INVITE_CANCELLED' });
    spec.given([created, cancelled]).when({ type: 'ResendInvite', inviteId: 'i-1', tokenHash: 'h3', expiresAt: later, at }).thenThrows({ code: 'IDENTITY.INVITE_NOT_PENDING' });
    spec.given([created, cancelled]).when({ type: 'CancelInvite', inviteId: 'i-1', at }).thenThrows({ code: 'IDENTITY.INVITE_NOT_PENDING' });
  });

  it('accepting twice fails once the acceptance completed', () => {
    const completed: InviteEvent = { type: 'InviteAcceptanceCompleted', data: { ...base, userId: 'u-9', keyIds: ['k'] } };
    spec.given([created, accepted, completed]).when({ type: 'AcceptInvite', inviteId: 'i-1', tokenHash: 'h1', userId: 'u-9', at }).thenThrows({ code: 'IDENTITY.INVITE_ALREADY_ACCEPTED' });
  });

  it('an acceptance that failed half-way may be resumed by the same user, not by another', () => {
    spec.given([created, accepted]).when({ type: 'AcceptInvite', inviteId: 'i-1', tokenHash: 'h1', userId: 'u-9', at }).then([]);
    spec.given([created, accepted]).when({ type: 'AcceptInvite', inviteId: 'i-1', tokenHash: 'h1', userId: 'u-other', at }).thenThrows({ code: 'IDENTITY.INVITE_ALREADY_ACCEPTED' });
  });

  it('an unknown invite is a 404', () => {
    spec.given([]).when({ type: 'CancelInvite', inviteId: 'i-x', at }).thenThrows({ code: 'IDENTITY.INVITE_NOT_FOUND', status: 404 });
  });
});
