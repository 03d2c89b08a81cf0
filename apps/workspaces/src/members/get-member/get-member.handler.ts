import { Inject, Injectable } from '@nestjs/common';
import type { MemberRefRequest, MemberView, RequestContext } from '#libs/contracts';
import { findWorkspaceMemberFresh } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { memberNotFound } from '../../workspaces/domain/workspace.errors.js';
import { WorkspaceLookup } from '../../workspaces/workspace-lookup.js';
import { memberViews } from '../member-views.js';

@Injectable()
export class GetMemberHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly lookup: WorkspaceLookup,
  ) {}

  async execute(request: MemberRefRequest, context: RequestContext): Promise<MemberView> {
    const ws = await this.lookup.inCallersOrg(request.workspaceId, context);
    const membership = await findWorkspaceMemberFresh(this.projections, ws._id, request.userId);
    if (!membership) throw memberNotFound(request.userId);
    return (await memberViews(this.projections, [membership]))[0]!;
  }
}
