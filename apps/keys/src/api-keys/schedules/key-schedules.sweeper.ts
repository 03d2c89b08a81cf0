import { Inject, Injectable } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import { MIN_TRANSITION_MS, type RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import type { ApiKeyDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { DueDocumentSweeper } from '#libs/schedules';
import { KEY_PEPPER, KEYS_CONFIG } from '../../pepper.js';
import { Streams } from '../../streams.js';
import { apiKeyDecider } from '../domain/api-key.decider.js';
import { generateKey, keyDigest, maskKey } from '../domain/key-material.js';

/**
 * Rotates keys whose `rotation_policy.next_rotation_at` has passed (the old secret lives on for
 * the policy's transition period) and resets usage whose `next_usage_reset_at` has passed. The
 * decider acts only while the schedule is still the pending one, so replicas may race safely.
 * A scheduled rotation's new secret is returned to nobody (as with Portkey's API): the holder
 * gets a fresh one with an on-demand rotation within the transition period.
 */
@Injectable()
export class KeySchedulesSweeper extends DueDocumentSweeper<ApiKeyDoc> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_PEPPER) private readonly pepper: string,
    @Inject(KEYS_CONFIG) config: PortcullisConfig,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {
    super('key-schedules', config.scheduleSweepMs, () => config.clock());
  }

  protected async due(now: string, limit: number): Promise<ApiKeyDoc[]> {
    return (await this.projections.collection<ApiKeyDoc>('api_keys').find('byDue', { range: { lte: now }, limit })).docs;
  }

  protected async applyDue(doc: ApiKeyDoc, now: string, context: RequestContext): Promise<void> {
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
