import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, PolicyRpcRequest, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { limitPolicyDecider } from '../domain/limit-policy.decider.js';
import { PolicyAccess, PolicyStreams } from '../policy-access.js';

/** DELETE /policies/{usage,rate}-limits/{id}: a soft delete, the policy is archived and stops applying. */
@Injectable()
export class DeletePolicyHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: PolicyAccess,
  ) {}

  async execute(request: PolicyRpcRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const { doc } = await this.access.authorised(request.kind, request.id!, 'delete', context);
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId ?? undefined, resourceId: doc._id });
    const result = await handleCommand(this.store, PolicyStreams.policy(doc._id), limitPolicyDecider, { type: 'ArchiveLimitPolicy', policyId: doc._id, at }, { metadata });
    return { data: {}, position: result.position };
  }
}
