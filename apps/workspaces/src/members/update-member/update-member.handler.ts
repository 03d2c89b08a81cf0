import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, RequestContext, UpdateMemberRequest } from '#libs/contracts';
import { EVENT_STORE, loadState, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { Streams } from '../../streams.js';
import { workspaceDecider } from '../../workspaces/domain/workspace.decider.js';
import { WorkspaceLookup } from '../../workspaces/workspace-lookup.js';
import { assertMayManage } from '../member-rules.js';
import { memberNotFound } from '../../workspaces/domain/workspace.errors.js';

/** PUT /admin/workspaces/{id}/users/{userId}. */
@Injectable()
export class UpdateMemberHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lookup: WorkspaceLookup,
  ) {}

  async execute(request: UpdateMemberRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const ws = await this.lookup.inCallersOrg(request.workspaceId, context);
    const state = (await loadState(this.store, Streams.workspace(ws._id), workspaceDecider)).state;
    if (request.role === undefined) {
      // `{}`: nothing to change, but the member must exist.
      if (!state.members.has(request.userId)) throw memberNotFound(request.userId);
      return { data: {}, position: 0 };
    }
    assertMayManage(context, request.role, state.members.get(request.userId));
    const { metadata, at } = commandMeta(context, { workspaceId: ws._id });
    const result = await handleCommand(
      this.store,
      Streams.workspace(ws._id),
      workspaceDecider,
      { type: 'ChangeMemberRole', workspaceId: ws._id, userId: request.userId, role: request.role, at },
      { metadata, maxRetries: 10 },
    );
    return { data: {}, position: result.position };
  }
}
