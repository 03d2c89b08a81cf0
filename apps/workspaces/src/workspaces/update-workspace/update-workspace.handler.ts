import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, RequestContext, UpdateWorkspaceRequest } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { Streams } from '../../streams.js';
import { workspaceDecider } from '../domain/workspace.decider.js';
import { WorkspaceLookup } from '../workspace-lookup.js';

/** PUT /admin/workspaces/{id}: only the fields sent change; `null` clears the limits. */
@Injectable()
export class UpdateWorkspaceHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lookup: WorkspaceLookup,
  ) {}

  async execute(request: UpdateWorkspaceRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const ws = await this.lookup.inCallersOrg(request.workspaceId, context);
    const changes = Object.fromEntries(Object.entries(request.changes).filter(([, v]) => v !== undefined));
    const { metadata, at } = commandMeta(context, { workspaceId: ws._id });
    const result = await handleCommand(
      this.store,
      Streams.workspace(ws._id),
      workspaceDecider,
      { type: 'UpdateWorkspace', workspaceId: ws._id, changes, at },
      { metadata, maxRetries: 10 },
    );
    return { data: {}, position: result.position };
  }
}
