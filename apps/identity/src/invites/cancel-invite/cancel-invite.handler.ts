import { Inject, Injectable } from '@nestjs/common';
import { requireOrg } from '#libs/authz';
import type { CommandResult, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { Streams } from '../../streams.js';
import { emailReservationDecider } from '../domain/email-reservation.decider.js';
import { inviteDecider } from '../domain/invite.decider.js';
import { loadInviteOfOrg } from '../load-invite.js';

/** DELETE /admin/users/invites/{id}: cancels a pending invite and frees its email. */
@Injectable()
export class CancelInviteHandler {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(inviteId: string, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const orgId = requireOrg(context);
    const invite = await loadInviteOfOrg(this.store, inviteId, orgId);
    const { metadata, at } = commandMeta(context);
    const cancelled = await handleCommand(this.store, Streams.invite(inviteId), inviteDecider, { type: 'CancelInvite', inviteId, at }, { metadata });
    const released = await handleCommand(
      this.store,
      Streams.orgEmail(orgId, invite.email),
      emailReservationDecider,
      { type: 'ReleaseEmail', orgId, holderId: inviteId, at },
      { metadata },
    );
    return { data: {}, position: Math.max(cancelled.position, released.position) };
  }
}
