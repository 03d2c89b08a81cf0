import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { authPrincipal, canGrantOrgRole, canGrantWorkspaceRole, keyTypeMayHold, requireOrg } from '#libs/authz';
import type { PortcullisConfig } from '#libs/config';
import { DomainError, type CommandResult, type CreatedInvite, type CreateInviteBody, type RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta, RpcClient } from '#libs/messaging';
import { IDENTITY_CONFIG } from '../../identity.tokens.js';
import { Streams } from '../../streams.js';
import { emailReservationDecider } from '../domain/email-reservation.decider.js';
import { inviteDecider } from '../domain/invite.decider.js';
import { newInviteToken } from '../domain/invite-token.js';
import { resolveWorkspaces } from '../workspace-refs.js';

/**
 * POST /admin/users/invites: reserve the email in the organisation (one pending invite or member
 * per email, decided by the reservation stream), then record the invite with the hash of a
 * single-use token. The link, with the token, is returned once.
 */
@Injectable()
export class CreateInviteHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(IDENTITY_CONFIG) private readonly config: PortcullisConfig,
    private readonly rpc: RpcClient,
  ) {}

  async execute(body: CreateInviteBody, context: RequestContext): Promise<CommandResult<CreatedInvite>> {
    const orgId = requireOrg(context);
    const principal = authPrincipal(context);
    this.checkGrants(body, principal);
    // No workspaces: an invite to the organisation only.
    const requested = body.workspaces ?? [];
    const workspaces = await resolveWorkspaces(this.rpc, orgId, requested.map((w) => w.id), context);
    const inviteId = randomUUID();
    const { metadata, at } = commandMeta(context, { resourceId: inviteId });
    const { token, hash } = newInviteToken(inviteId);
    const expiresAt = new Date(Date.parse(at) + this.config.inviteTtlMs).toISOString();

    const reservationStream = Streams.orgEmail(orgId, body.email);
    await handleCommand(
      this.store,
      reservationStream,
      emailReservationDecider,
      { type: 'ReserveEmail', orgId, holder: { kind: 'invite', id: inviteId }, expiresAt, at },
      { metadata },
    );
    try {
      const created = await handleCommand(
        this.store,
        Streams.invite(inviteId),
        inviteDecider,
        {
          type: 'CreateInvite',
          invite: {
            inviteId,
            orgId,
            email: body.email,
            role: body.role,
            workspaces: workspaces.map((ws, i) => ({ id: ws.id, role: requested[i]!.role })),
            scopes: body.workspace_api_key_details?.scopes ?? null,
            invitedBy: principal.userId ?? principal.keyId,
            tokenHash: hash,
            expiresAt,
          },
          at,
        },
        { metadata },
      );
      return { data: { id: inviteId, invite_link: `${this.config.publicUrl}/v1/invites/accept?token=${token}` }, position: created.position };
    } catch (error) {
      // Give the email back: the invite never came to be.
      await handleCommand(this.store, reservationStream, emailReservationDecider, { type: 'ReleaseEmail', orgId, holderId: inviteId, at }, { metadata }).catch(
        () => undefined,
      );
      throw error;
    }
  }

  private checkGrants(body: CreateInviteBody, principal: ReturnType<typeof authPrincipal>): void {
    const orgRole = canGrantOrgRole(principal, body.role);
    if (!orgRole.allow) throw new DomainError('IDENTITY.ROLE_CEILING', orgRole.reason, 403);
    for (const ws of body.workspaces ?? []) {
      const decision = canGrantWorkspaceRole(principal, ws.role);
      if (!decision.allow) throw new DomainError('IDENTITY.ROLE_CEILING', decision.reason, 403);
    }
    const bad = (body.workspace_api_key_details?.scopes ?? []).filter((s) => !keyTypeMayHold('workspace-user', s));
    if (bad.length) {
      throw new DomainError('IDENTITY.INVALID_SCOPES', `not scopes a workspace-user key can hold: ${bad.join(', ')}`, 400, { scopes: bad });
    }
  }
}
