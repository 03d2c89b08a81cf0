import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal, canGrantOrgRole, requireOrg } from '#libs/authz';
import { DomainError, type CommandResult, type RequestContext, type UpdateUserRoleRequest } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { organisationDecider } from '../../organisations/domain/organisation.decider.js';
import { Streams } from '../../streams.js';

/** PUT /admin/users/{id}: nobody grants above their own role; the last owner stays an owner. */
@Injectable()
export class UpdateUserRoleHandler {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute(request: UpdateUserRoleRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const orgId = requireOrg(context);
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
}
