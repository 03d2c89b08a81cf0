import { Inject, Injectable } from '@nestjs/common';
import { requireOrg } from '#libs/authz';
import type { PortcullisConfig } from '#libs/config';
import type { CommandResult, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { IDENTITY_CONFIG } from '../../identity.tokens.js';
import { Streams } from '../../streams.js';
import { emailReservationDecider } from '../domain/email-reservation.decider.js';
import { inviteDecider } from '../domain/invite.decider.js';
import { newInviteToken } from '../domain/invite-token.js';
import { loadInviteOfOrg } from '../load-invite.js';

/** POST /admin/users/invites/{id}/resend: a new token and expiry; the old token stops working. */
@Injectable()
export class ResendInviteHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDENTITY_CONFIG) private readonly config: PortcullisConfig,
  ) {}

  async execute(inviteId: string, context: RequestContext): Promise<CommandResult<{ inviteLink: string }>> {
    const orgId = requireOrg(context);
    const invite = await loadInviteOfOrg(this.store, inviteId, orgId);
    const { metadata, at } = commandMeta(context);
    const { token, hash } = newInviteToken(inviteId);
    const expiresAt = new Date(Date.parse(at) + this.config.inviteTtlMs).toISOString();
    const resend = { type: 'ResendInvite' as const, inviteId, tokenHash: hash, expiresAt, at };
    inviteDecider.decide(resend, invite.state);
    // Renew the hold on the email first: a lapsed invite may have lost it to a newer one.
    await handleCommand(
      this.store,
      Streams.orgEmail(orgId, invite.email),
      emailReservationDecider,
      { type: 'ReserveEmail', orgId, holder: { kind: 'invite', id: inviteId }, expiresAt, at },
      { metadata },
    );
    const resent = await handleCommand(
      this.store,
      Streams.invite(inviteId),
      inviteDecider,
      resend,
      { metadata },
    );
    return { data: { inviteLink: `${this.config.publicUrl}/v1/invites/accept?token=${token}` }, position: resent.position };
  }
}
