import { Inject, Injectable } from '@nestjs/common';
import { defaultUserKeyScopes } from '#libs/authz';
import {
  DomainError,
  KeysSubjects,
  WorkspacesSubjects,
  type AcceptedInvite,
  type AcceptInviteBody,
  type CommandResult,
  type RequestContext,
} from '#libs/contracts';
import { deterministicEventId, EVENT_STORE, foldState, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta, RpcClient, systemContext } from '#libs/messaging';
import { organisationDecider } from '../../organisations/domain/organisation.decider.js';
import { Streams } from '../../streams.js';
import { emailClaimDecider } from '../../users/domain/user.decider.js';
import { registerUser } from '../../users/register-user.js';
import { emailReservationDecider } from '../domain/email-reservation.decider.js';
import { inviteDecider } from '../domain/invite.decider.js';
import { inviteTokenInvalid } from '../domain/invite.errors.js';
import { hashInviteToken, inviteIdOf } from '../domain/invite-token.js';

interface CreatedKey {
  id: string;
  key: string;
  workspace_id: string;
}

/**
 * POST /v1/invites/accept (no API key): marks the invite accepted (which makes the token
 * single-use), then creates or reuses the user, adds the organisation and workspace
 * memberships and mints one workspace-user key per invited workspace. Every step after the
 * first is idempotent, so an acceptance interrupted half-way is finished by trying again.
 */
@Injectable()
export class AcceptInviteHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly rpc: RpcClient,
  ) {}

  async execute(body: AcceptInviteBody, context: RequestContext): Promise<CommandResult<AcceptedInvite>> {
    const inviteId = inviteIdOf(body.token);
    if (!inviteId) throw inviteTokenInvalid();
    const state = foldState(inviteDecider, await this.store.readStream(Streams.invite(inviteId)));
    const invite = state.invite;
    if (!invite) throw inviteTokenInvalid();
    const orgId = invite.orgId;
    const { at } = commandMeta(context);
    // The person accepting acts on their own behalf: their events name them, not "anonymous".
    const self = (userId: string) =>
      commandMeta({ ...context, principal: { kind: 'api_key', orgId, userId, keyId: `invite:${inviteId}` } }, { resourceId: inviteId }).metadata;

    // The user id is settled before accepting, so a resumed acceptance names the same user.
    const existing = foldState(emailClaimDecider, await this.store.readStream(Streams.userEmail(invite.email)));
    const pendingUserId = existing.userId ?? deterministicEventId(`user-for-invite:${inviteId}`, 0);
    const accepted = await handleCommand(
      this.store,
      Streams.invite(inviteId),
      inviteDecider,
      { type: 'AcceptInvite', inviteId, tokenHash: hashInviteToken(body.token), userId: pendingUserId, at },
      { metadata: self(pendingUserId) },
    );
    const metadata = self(pendingUserId);
    const { userId } = await registerUser(
      this.store,
      { email: invite.email, firstName: body.first_name, lastName: body.last_name, userId: pendingUserId },
      metadata,
      at,
    );
    await handleCommand(
      this.store,
      Streams.orgEmail(orgId, invite.email),
      emailReservationDecider,
      { type: 'ReserveEmail', orgId, holder: { kind: 'user', id: userId }, expiresAt: null, replaces: inviteId, at },
      { metadata },
    );
    const joined = await this.joinOrganisation(orgId, { userId, email: invite.email, firstName: body.first_name, lastName: body.last_name, role: invite.role }, metadata, at);

    // The other services must see the membership before acting on it.
    const internal = { ...systemContext({ ...context, principal: { kind: 'api_key', orgId, userId } }), minPosition: joined };
    if (invite.workspaces.length) {
      for (const ws of invite.workspaces) {
        await this.rpc.call(WorkspacesSubjects.addMembers, { workspaceId: ws.id, users: [{ id: userId, role: ws.role }] }, internal);
      }
    }
    const keys = await this.rpc.call<CommandResult<CreatedKey[]>>(
      KeysSubjects.createForInvite,
      {
        orgId,
        userId,
        inviteId,
        grants: invite.workspaces.map((ws) => ({ workspaceId: ws.id, scopes: invite.scopes ?? defaultUserKeyScopes(ws.role) })),
      },
      internal,
    );
    const completed = await handleCommand(
      this.store,
      Streams.invite(inviteId),
      inviteDecider,
      { type: 'CompleteAcceptance', inviteId, keyIds: keys.data.map((k) => k.id), at },
      { metadata },
    );
    return {
      data: {
        object: 'user',
        id: userId,
        email: invite.email,
        role: invite.role,
        api_keys: keys.data.map((k) => ({ id: k.id, key: k.key, workspace_id: k.workspace_id, type: 'workspace-user' })),
      },
      position: Math.max(accepted.position, keys.position, completed.position),
    };
  }

  private async joinOrganisation(
    orgId: string,
    member: { userId: string; email: string; firstName: string; lastName: string; role: 'admin' | 'member' },
    metadata: ReturnType<typeof commandMeta>['metadata'],
    at: string,
  ): Promise<number> {
    try {
      const result = await handleCommand(this.store, Streams.org(orgId), organisationDecider, { type: 'AddOrgMember', orgId, member, at }, { metadata, maxRetries: 10 });
      return result.position;
    } catch (error) {
      // Resuming an interrupted acceptance: the membership is already there.
      if (!(error instanceof DomainError && error.code === 'IDENTITY.ALREADY_A_MEMBER')) throw error;
      return this.store.headPosition();
    }
  }
}
