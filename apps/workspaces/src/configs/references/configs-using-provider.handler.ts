import { Inject, Injectable } from '@nestjs/common';
import type { RefUsersQuery, RefUsersReply } from '#libs/contracts';
import type { ConfigDoc, ConfigRefDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';

const MAX_NAMED = 20;

/**
 * `ReferenceSubjects.configsUsingProvider` (asked by the keys service before it deletes a virtual
 * key or provider): the configs of the workspace whose current version names it, as
 * `virtual_key` or as `provider: "@slug"`.
 */
@Injectable()
export class ConfigsUsingProviderHandler {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionHost) {}

  async execute(request: RefUsersQuery): Promise<RefUsersReply> {
    if (!request.refs.length) return { users: [] };
    // A config created a moment ago through another request must be counted.
    await this.projections.catchUp();
    const { docs } = await this.projections.collection<ConfigRefDoc>('config_refs').find('byWorkspaceRef', {
      eq: { orgId: request.orgId, workspaceId: request.workspaceId, kind: ['virtual_key', 'provider'], ref: request.refs },
      limit: MAX_NAMED * 4,
    });
    const ids = [...new Set(docs.map((d) => d.configId))].slice(0, MAX_NAMED);
    const configs = await this.projections.collection<ConfigDoc>('configs').getMany(ids);
    return { users: configs.map((c) => ({ type: 'config', id: c._id, name: c.slug })) };
  }
}
