import { Inject, Injectable } from '@nestjs/common';
import { requireOrg } from '#libs/authz';
import { KeysSubjects, WorkspacesSubjects, type CommandResult, type RequestContext } from '#libs/contracts';
import { EVENT_STORE, loadState, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta, RpcClient, systemContext } from '#libs/messaging';
import { emailReservationDecider } from '../../invites/domain/email-reservation.decider.js';
import { organisationDecider } from '../../organisations/domain/organisation.decider.js';
import { Streams } from '../../streams.js';

/**
 * DELETE /admin/users/{id}: the rules are checked first (last owner, membership), then the user
 * leaves every workspace of the organisation and loses their keys, and only then leaves the
 * organisation, so a failure half-way never leaves a removed user holding keys.
 */
@Injectable()
export class DeleteUserHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly rpc: RpcClient,
  ) {}

  async execute(userId: string, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const orgId = requireOrg(context);
    const { metadata, at } = commandMeta(context);
    const command = { type: 'RemoveOrgMember' as const, orgId, userId, at };
    const state = (await loadState(this.store, Streams.org(orgId), organisationDecider)).state;
    organisationDecider.decide(command, state);
    const email = state.members.get(userId)!.email;

    const internal = systemContext(context);
    const fromWorkspaces = await this.rpc.call<CommandResult>(WorkspacesSubjects.removeUserEverywhere, { orgId, userId }, internal);
    const fromKeys = await this.rpc.call<CommandResult>(KeysSubjects.revokeForUser, { orgId, userId }, internal);
    const removed = await handleCommand(this.store, Streams.org(orgId), organisationDecider, command, { metadata, maxRetries: 10 });
    const released = await handleCommand(
      this.store,
      Streams.orgEmail(orgId, email),
      emailReservationDecider,
      { type: 'ReleaseEmail', orgId, holderId: userId, at },
      { metadata },
    );
    return { data: {}, position: Math.max(fromWorkspaces.position, fromKeys.position, removed.position, released.position) };
  }
}
