import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PortcullisConfig } from '#libs/config';
import { MIN_TRANSITION_MS, type RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import type { ApiKeyDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { ScheduleSweeper } from '#libs/schedules';
import { KEY_PEPPER, KEYS_CONFIG } from '../../pepper.js';
import { Streams } from '../../streams.js';
import { apiKeyDecider } from '../domain/api-key.decider.js';
import { generateKey, keyDigest, maskKey } from '../domain/key-material.js';

const BATCH = 200;

/**
 * Rotates keys whose `rotation_policy.next_rotation_at` has passed (the old secret lives on for
 * the policy's transition period) and resets usage whose `next_usage_reset_at` has passed. The
 * decider acts only while the schedule is still the pending one, so replicas may race safely.
 * A scheduled rotation's new secret is returned to nobody (as with Portkey's API): the holder
 * gets a fresh one with an on-demand rotation within the transition period.
 */
@Injectable()
export class KeySchedulesSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly sweeper: ScheduleSweeper;
  private readonly logger = new Logger('key-schedules');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_PEPPER) private readonly pepper: string,
    @Inject(KEYS_CONFIG) private readonly config: PortcullisConfig,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {
    this.sweeper = new ScheduleSweeper('key-schedules', config.scheduleSweepMs, () => this.sweep());
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sweeper.stop();
  }

  /** One pass over the keys whose rotation or reset is due (also called by tests). */
  sweepNow(): Promise<void> {
    return this.sweeper.runOnce();
  }

  private async sweep(): Promise<void> {
    const now = new Date(this.config.clock()).toISOString();
    const { docs: due } = await this.projections.collection<ApiKeyDoc>('api_keys').find('byDue', { range: { lte: now }, limit: BATCH });
    for (const doc of due) {
      // One key's failure (deleted a moment ago) must not hold up the others.
      await this.apply(doc, now).catch((error: Error) => this.logger.warn(`key ${doc._id}: ${error.message}`));
    }
  }

  private async apply(doc: ApiKeyDoc, now: string): Promise<void> {
    const context: RequestContext = { requestId: `schedule-${randomUUID()}`, correlationId: `schedule-${doc._id}`, principal: { kind: 'system' }, occurredAt: now };
    const { metadata, at } = commandMeta(context, { orgId: doc.orgId, workspaceId: doc.workspaceId });
    const stream = Streams.apiKey(doc._id);
    const rotationDue = doc.schedule?.nextRotationAt;
    if (rotationDue && rotationDue <= now) {
      const secret = generateKey(doc.type, doc._id);
      const policy = doc.fields.rotation_policy as { key_transition_period_ms?: number } | null;
      const transitionMs = Math.max(MIN_TRANSITION_MS, policy?.key_transition_period_ms ?? MIN_TRANSITION_MS);
      await handleCommand(
        this.store,
        stream,
        apiKeyDecider,
        { type: 'RotateApiKeyOnSchedule', keyId: doc._id, due: rotationDue, digest: keyDigest(this.pepper, secret), masked: maskKey(secret), transitionMs, at },
        { metadata },
      );
    }
    const resetDue = doc.schedule?.nextUsageResetAt;
    if (resetDue && resetDue <= now) {
      await handleCommand(this.store, stream, apiKeyDecider, { type: 'ResetUsageOnSchedule', keyId: doc._id, due: resetDue, at }, { metadata });
    }
  }
}
