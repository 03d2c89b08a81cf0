import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta, WorkspaceDependants } from '#libs/messaging';
import type { ConfigDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { ConfigStreams } from './config-streams.js';
import { configDecider } from './domain/config.decider.js';

/**
 * A workspace's configs are its dependants: counted before it is deleted (409 AB07 while any
 * remain) and removed, each with its own `ConfigDeleted` (reason `workspace_deleted`), when forced.
 */
@Injectable()
export class ConfigDependants {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    dependants: WorkspaceDependants,
  ) {
    dependants.register({
      label: 'configs',
      count: async (orgId, workspaceId) => {
        await this.projections.catchUp();
        return this.projections.collection<ConfigDoc>('configs').count('byWorkspace', { orgId, workspaceId });
      },
      remove: (orgId, workspaceId, context) => this.removeAll(orgId, workspaceId, context),
    });
  }

  private async removeAll(orgId: string, workspaceId: string, context: RequestContext): Promise<number> {
    // Configs created a moment ago must not escape the clean-up.
    await this.projections.catchUp();
    const { docs } = await this.projections.collection<ConfigDoc>('configs').find('byWorkspace', { eq: { orgId, workspaceId } });
    // The request is the workspace's deletion: its audit tag stays the workspace's.
    const { metadata, at } = commandMeta(context, { workspaceId });
    let position = 0;
    for (const doc of docs) {
      try {
        const result = await handleCommand(this.store, ConfigStreams.config(doc._id), configDecider, { type: 'DeleteConfig', configId: doc._id, reason: 'workspace_deleted', at }, { metadata });
        position = Math.max(position, result.position);
      } catch (error) {
        if ((error as { status?: number }).status !== 404) throw error;
      }
    }
    return position;
  }
}
