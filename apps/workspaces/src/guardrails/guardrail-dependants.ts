import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta, WorkspaceDependants } from '#libs/messaging';
import type { GuardrailDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { guardrailDecider } from './domain/guardrail.decider.js';
import { GuardrailStreams } from './guardrail-streams.js';

/**
 * A workspace's guardrails are its dependants (organisation-level ones are not): counted before
 * it is deleted and removed, each with its own `GuardrailDeleted`, when forced.
 */
@Injectable()
export class GuardrailDependants {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    dependants: WorkspaceDependants,
  ) {
    dependants.register({
      label: 'guardrails',
      count: async (orgId, workspaceId) => {
        await this.projections.catchUp();
        return this.projections.collection<GuardrailDoc>('guardrails').count('byWorkspace', { orgId, workspaceId });
      },
      remove: (orgId, workspaceId, context) => this.removeAll(orgId, workspaceId, context),
    });
  }

  private async removeAll(orgId: string, workspaceId: string, context: RequestContext): Promise<number> {
    await this.projections.catchUp();
    const { docs } = await this.projections.collection<GuardrailDoc>('guardrails').find('byWorkspace', { eq: { orgId, workspaceId } });
    // The request is the workspace's deletion: its audit tag stays the workspace's.
    const { metadata, at } = commandMeta(context, { workspaceId });
    let position = 0;
    for (const doc of docs) {
      try {
        const result = await handleCommand(this.store, GuardrailStreams.guardrail(doc._id), guardrailDecider, { type: 'DeleteGuardrail', guardrailId: doc._id, reason: 'workspace_deleted', at }, { metadata });
        position = Math.max(position, result.position);
      } catch (error) {
        if ((error as { status?: number }).status !== 404) throw error;
      }
    }
    return position;
  }
}
