import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, ConfigRefRequest, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { ConfigAccess } from '../config-access.js';
import { ConfigStreams } from '../config-streams.js';
import { DefaultConfigs } from '../default-configs.js';
import { configDecider } from '../domain/config.decider.js';
import { configInUse } from '../domain/config.errors.js';
import { ConfigUsers } from '../references/config-users.js';

/**
 * DELETE /configs/{slug}: refused (409 AB07, naming them) while a workspace default or an API
 * key's default config names it. Deleting the workspace's default config leaves it without one.
 */
@Injectable()
export class DeleteConfigHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: ConfigAccess,
    private readonly users: ConfigUsers,
    private readonly defaults: DefaultConfigs,
  ) {}

  async execute(request: ConfigRefRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const { doc } = await this.access.authorised(request.ref, 'delete', context, request.workspace_id);
    const users = await this.users.of(doc, context);
    if (users.length) throw configInUse(doc.slug, users);
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    const result = await handleCommand(this.store, ConfigStreams.config(doc._id), configDecider, { type: 'DeleteConfig', configId: doc._id, reason: 'deleted', at }, { metadata });
    const cleared = await this.defaults.clear({ orgId: doc.orgId, workspaceId: doc.workspaceId }, doc._id, metadata, at);
    return { data: {}, position: Math.max(result.position, cleared) };
  }
}
