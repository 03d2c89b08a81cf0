import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, DeleteWorkspaceRequest, RequestContext } from '#libs/contracts';
import { EVENT_STORE, loadState, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta, RpcClient } from '#libs/messaging';
import { Streams } from '../../streams.js';
import { workspaceDecider } from '../domain/workspace.decider.js';
import { WorkspaceLookup } from '../workspace-lookup.js';
import { countDependants, removeDependants } from './workspace-dependants.js';

/**
 * DELETE /admin/workspaces/{id}: the name is optional (checked when given); refuses (409 AB07) while keys or
 * other resources live in it, unless `force_delete: true`, which removes them first.
 */
@Injectable()
export class DeleteWorkspaceHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lookup: WorkspaceLookup,
    private readonly rpc: RpcClient,
  ) {}

  async execute(request: DeleteWorkspaceRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const ws = await this.lookup.inCallersOrg(request.workspaceId, context);
    const force = request.body.force_delete === true;
    const { metadata, at } = commandMeta(context, { workspaceId: ws._id });
    const dependants = await countDependants(this.rpc, ws.orgId, ws._id, context);
    const command = { type: 'DeleteWorkspace' as const, workspaceId: ws._id, confirmName: request.body.name, force, dependants, at };
    // Check every rule before touching dependants: a refused delete must change nothing.
    workspaceDecider.decide(command, (await loadState(this.store, Streams.workspace(ws._id), workspaceDecider)).state);
    const removed = force && dependants.count > 0 ? await removeDependants(this.rpc, ws.orgId, ws._id, context) : 0;
    const result = await handleCommand(this.store, Streams.workspace(ws._id), workspaceDecider, command, { metadata, maxRetries: 10 });
    return { data: {}, position: Math.max(removed, result.position) };
  }
}
