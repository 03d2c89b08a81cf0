import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PortcullisConfig } from '#libs/config';
import type { RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import type { WorkspaceDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { dueWorkspaceResets, ScheduleSweeper } from '#libs/schedules';
import { Streams } from '../../streams.js';
import { workspaceDecider } from '../domain/workspace.decider.js';

export const WORKSPACES_CONFIG = Symbol('WORKSPACES_CONFIG');

/**
 * Applies the periodic usage resets of workspaces whose `next_usage_reset_at` passed, one event
 * per limit; the decider acts only while the reset is still pending, so replicas race safely.
 */
@Injectable()
export class WorkspaceSchedulesSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweeper: ScheduleSweeper;
  private readonly logger = new Logger('workspace-schedules');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(WORKSPACES_CONFIG) private readonly config: PortcullisConfig,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {
    this.sweeper = new ScheduleSweeper('workspace-schedules', config.scheduleSweepMs, () => this.sweep());
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
  }

  sweepNow(): Promise<void> {
    return this.sweeper.runOnce();
  }

  private async sweep(): Promise<void> {
    const now = new Date(this.config.clock()).toISOString();
    const { docs: due } = await this.projections.collection<WorkspaceDoc>('workspaces').find('byDue', { range: { lte: now }, limit: 200 });
    for (const doc of due) {
      for (const { limitIndex, due: at } of dueWorkspaceResets(doc.schedule, now)) {
        const context: RequestContext = { requestId: `schedule-${randomUUID()}`, correlationId: `schedule-${doc._id}`, principal: { kind: 'system' }, occurredAt: now };
        const meta = commandMeta(context, { orgId: doc.orgId, workspaceId: doc._id });
        await handleCommand(
          this.store,
          Streams.workspace(doc._id),
          workspaceDecider,
          { type: 'ResetUsageOnSchedule', workspaceId: doc._id, limitIndex, due: at, at: meta.at },
          { metadata: meta.metadata, maxRetries: 10 },
        ).catch((error: Error) => this.logger.warn(`workspace ${doc._id}: ${error.message}`));
      }
    }
  }
}
