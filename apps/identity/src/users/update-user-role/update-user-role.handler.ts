import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal, canGrantOrgRole, requireOrg } from '#libs/authz';
import { DomainError, type CommandResult, type RequestContext, type UpdateUserRoleRequest } from '#libs/contracts';
import { EVENT_STORE, loadState, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { organisationDecider } from '../../organisations/domain/organisation.decider.js';
import { notAMember } from '../../organisations/domain/organisation.errors.js';
import { Streams } from '../../streams.js';

/**
 * PUT /admin/users/{id}: nobody grants above their own role; the last owner stays an owner;
 * `{}` changes nothing and answers 200.
 */
@Injectable()
export class UpdateUserRoleHandler {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(request: UpdateUserRoleRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const orgId = requireOrg(context);
    if (request.role === undefined) return this.noChange(orgId, request.userId);
    const decision = canGrantOrgRole(authPrincipal(context), request.role);
    if (!decision.allow) throw new DomainError('IDENTITY.ROLE_CEILING', decision.reason, 403);
    const { metadata, at } = commandMeta(context);
    const result = await handleCommand(
      this.store,
      Streams.org(orgId),
      organisationDecider,
      { type: 'ChangeOrgMemberRole', orgId, userId: request.userId, role: request.role, at },
      { metadata, maxRetries: 10 },
    );
    return { data: {}, position: result.position };
  }

  /** `{}`: nothing to change, but the user must still be a member (else 404). */
  private async noChange(orgId: string, userId: string): Promise<CommandResult<Record<string, never>>> {
    const { state } = await loadState(this.store, Streams.org(orgId), organisationDecider);
    if (!state.members.has(userId)) throw notAMember(userId);
    return { data: {}, position: 0 };
  }
}
