import { Inject, Injectable } from '@nestjs/common';
import type { AddMembersRequest, CommandResult, RequestContext } from '#libs/contracts';
import { findOrgMemberFresh } from '#libs/projections';
import { EVENT_STORE, loadState, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { Streams } from '../../streams.js';
import { workspaceDecider } from '../../workspaces/domain/workspace.decider.js';
import { userNotInOrganisation } from '../../workspaces/domain/workspace.errors.js';
import { WorkspaceLookup } from '../../workspaces/workspace-lookup.js';
import { assertMayManage } from '../member-rules.js';

/** POST /admin/workspaces/{id}/users: adds organisation members, or sets the role of existing ones. */
@Injectable()
export class AddMembersHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly lookup: WorkspaceLookup,
  ) {}

  async execute(request: AddMembersRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const ws = await this.lookup.inCallersOrg(request.workspaceId, context);
    const state = (await loadState(this.store, Streams.workspace(ws._id), workspaceDecider)).state;
    for (const grant of request.users) {
      assertMayManage(context, grant.role, state.members.get(grant.id));
      if (!(await findOrgMemberFresh(this.projections, ws.orgId, grant.id))) throw userNotInOrganisation(grant.id);
    }
    const { metadata, at } = commandMeta(context, { orgId: ws.orgId, workspaceId: ws._id });
    let position = 0;
    for (const grant of request.users) {
      const result = await handleCommand(
        this.store,
        Streams.workspace(ws._id),
        workspaceDecider,
        { type: 'SetMember', workspaceId: ws._id, userId: grant.id, role: grant.role, at },
        { metadata, maxRetries: 10 },
      );
      position = Math.max(position, result.position);
    }
    return { data: {}, position };
  }
}
