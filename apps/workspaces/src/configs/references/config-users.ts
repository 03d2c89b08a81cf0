import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ReferenceSubjects, type RefUser, type RefUsersReply, type RefUsersRequest, type RequestContext } from '#libs/contracts';
import type { ConfigDoc, WorkspaceDefaultRefsDoc, WorkspaceDoc } from '#libs/projections';
import { RpcClient, systemContext } from '#libs/messaging';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';

/** Who still names a config: workspaces (`defaults.user_api_key_config`) and API keys (`defaults.config_id`). */
@Injectable()
export class ConfigUsers {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly rpc: RpcClient,
  ) {}

  async of(doc: ConfigDoc, context: RequestContext): Promise<RefUser[]> {
    const refs = [doc._id, doc.slug];
    // A workspace updated a moment ago through another principal must be counted.
    await this.projections.catchUp();
    const { docs } = await this.projections
      .collection<WorkspaceDefaultRefsDoc>('workspace_default_refs')
      .find('byUserApiKeyConfig', { eq: { orgId: doc.orgId, userApiKeyConfig: refs }, limit: 20 });
    const workspaces = await this.projections.collection<WorkspaceDoc>('workspaces').getMany(docs.map((d) => d._id));
    const users: RefUser[] = workspaces.map((w) => ({ type: 'workspace', id: w._id, name: `${w.slug} (defaults.user_api_key_config)` }));
    return [...users, ...(await this.keysUsing({ orgId: doc.orgId, workspaceId: doc.workspaceId, refs }, context))];
  }

  private async keysUsing(request: RefUsersRequest, context: RequestContext): Promise<RefUser[]> {
    try {
      return (await this.rpc.call<RefUsersReply>(ReferenceSubjects.keysUsingConfig, request, systemContext(context))).users ?? [];
    } catch (error) {
      // The one place "nobody answers" is taken as "no users": a keys service that predates
      // `keysUsingConfig` (a rolling upgrade) must not block deleting configs. A timeout still
      // fails the delete (503): a keys service that is there but slow may well know of users.
      if (error instanceof DomainError && error.code === 'RPC.NO_RESPONDERS') return [];
      throw error;
    }
  }
}
