import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext, WorkspaceView } from '#libs/contracts';
import type { WorkspaceMemberDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { memberViews } from '../../members/member-views.js';
import { toWorkspaceView } from '#libs/projections';
import { WorkspaceLookup } from '../workspace-lookup.js';

/** The team shown inline with a workspace; the member list pages through all of them. */
const MAX_INLINE_MEMBERS = 100;

/** GET /admin/workspaces/{id|slug}: the workspace with its team (the first 100 members). */
@Injectable()
export class GetWorkspaceHandler {
  constructor(
    private readonly lookup: WorkspaceLookup,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(ref: string, context: RequestContext): Promise<WorkspaceView> {
    const doc = await this.lookup.inCallersOrg(ref, context);
    const { docs: memberships } = await this.projections
      .collection<WorkspaceMemberDoc>('workspace_members')
      .find('byWorkspace', { eq: { workspaceId: doc._id }, limit: MAX_INLINE_MEMBERS });
    return { ...toWorkspaceView(doc), users: await memberViews(this.projections, memberships) };
  }
}
