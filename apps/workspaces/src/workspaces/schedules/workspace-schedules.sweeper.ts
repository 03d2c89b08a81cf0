import { Inject, Injectable } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import type { RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import type { WorkspaceDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { DueDocumentSweeper, dueWorkspaceResets } from '#libs/schedules';
import { Streams } from '../../streams.js';
import { workspaceDecider } from '../domain/workspace.decider.js';

export const WORKSPACES_CONFIG = Symbol('WORKSPACES_CONFIG');

/**
 * Applies the periodic usage resets of workspaces whose `next_usage_reset_at` passed, one event
 * per limit; the decider acts only while the reset is still pending, so replicas race safely.
 */
@Injectable()
export class WorkspaceSchedulesSweeper extends DueDocumentSweeper<WorkspaceDoc> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKSPACES_CONFIG) config: PortcullisConfig,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {
    super('workspace-schedules', config.scheduleSweepMs, () => config.clock());
  }

  protected async due(now: string, limit: number): Promise<WorkspaceDoc[]> {
    return (await this.projections.collection<WorkspaceDoc>('workspaces').find('byDue', { range: { lte: now }, limit })).docs;
  }

  protected async applyDue(doc: WorkspaceDoc, now: string, context: RequestContext): Promise<void> {
    const meta = commandMeta(context, { orgId: doc.orgId, workspaceId: doc._id });
    for (const { limitIndex, due } of dueWorkspaceResets(doc.schedule, now)) {
      await handleCommand(
        this.store,
        Streams.workspace(doc._id),
        workspaceDecider,
        { type: 'ResetUsageOnSchedule', workspaceId: doc._id, limitIndex, due, at: meta.at },
        { metadata: meta.metadata, maxRetries: 10 },
      );
    }
  }
}
