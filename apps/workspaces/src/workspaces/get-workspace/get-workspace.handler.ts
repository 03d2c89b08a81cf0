import { Inject, Injectable } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { RequestContext, WorkspaceView } from '#libs/contracts';
import type { WorkspaceMemberDoc } from '#libs/projections';
import { MONGO_CONNECTION } from '#libs/read-models';
import { memberViews } from '../../members/member-views.js';
import { toWorkspaceView } from '#libs/projections';
import { WorkspaceLookup } from '../workspace-lookup.js';

/** GET /admin/workspaces/{id|slug}: the workspace with its team. */
@Injectable()
export class GetWorkspaceHandler {
  constructor(
    private readonly lookup: WorkspaceLookup,
    @Inject(MONGO_CONNECTION) private readonly db: Connection,
  ) {}

  async execute(ref: string, context: RequestContext): Promise<WorkspaceView> {
    const doc = await this.lookup.inCallersOrg(ref, context);
    const memberships = await this.db
      .collection<WorkspaceMemberDoc>('workspace_members')
      .find({ workspaceId: doc._id })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    return { ...toWorkspaceView(doc), users: await memberViews(this.db, memberships) };
  }
}
