import { Inject, Injectable } from '@nestjs/common';
import { KeysSubjects, type CommandResult, type MemberRefRequest, type RemoveUserEverywhereRequest, type RequestContext } from '#libs/contracts';
import type { WorkspaceMemberDoc } from '#libs/projections';
import { EVENT_STORE, loadState, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta, RpcClient, systemContext } from '#libs/messaging';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { Streams } from '../../streams.js';
import { workspaceDecider } from '../../workspaces/domain/workspace.decider.js';
import { WorkspaceLookup } from '../../workspaces/workspace-lookup.js';
import { assertMayManage } from '../member-rules.js';

/** DELETE /admin/workspaces/{id}/users/{userId}, and the internal "user left the organisation". */
@Injectable()
export class RemoveMemberHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly lookup: WorkspaceLookup,
    private readonly rpc: RpcClient,
  ) {}

  async execute(request: MemberRefRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const ws = await this.lookup.inCallersOrg(request.workspaceId, context);
    const state = (await loadState(this.store, Streams.workspace(ws._id), workspaceDecider)).state;
    assertMayManage(context, null, state.members.get(request.userId));
    const removed = await this.remove(ws._id, request.userId, context);
    // Leaving a workspace ends the user's keys there: re-joining later does not revive them.
    const revoked = await this.rpc.call<CommandResult>(KeysSubjects.revokeForUser, { orgId: ws.orgId, userId: request.userId, workspaceId: ws._id }, systemContext(context));
    return { data: {}, position: Math.max(removed.position, revoked.position) };
  }

  async everywhere(request: RemoveUserEverywhereRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    await this.projections.catchUp();
    const { docs: memberships } = await this.projections
      .collection<WorkspaceMemberDoc>('workspace_members')
      .find('byUser', { eq: { orgId: request.orgId, userId: request.userId } });
    let position = 0;
    for (const m of memberships) position = Math.max(position, (await this.remove(m.workspaceId, request.userId, context, true)).position);
    return { data: {}, position };
  }

  private async remove(workspaceId: string, userId: string, context: RequestContext, tolerateGone = false) {
    const { metadata, at } = commandMeta(context, { workspaceId });
    try {
      const result = await handleCommand(this.store, Streams.workspace(workspaceId), workspaceDecider, { type: 'RemoveMember', workspaceId, userId, at }, { metadata, maxRetries: 10 });
      return { data: {}, position: result.position };
    } catch (error) {
      // Internal clean-up after the fact: a membership already gone is the wanted outcome.
      if (tolerateGone && [403, 404].includes((error as { status?: number }).status ?? 0)) return { data: {}, position: 0 };
      throw error;
    }
  }
}
