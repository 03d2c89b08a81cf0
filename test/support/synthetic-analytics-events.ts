import type { FeedbackEvents, LogExportEvents } from '#libs/contracts';
import { deterministicEventId, type EventStore, type NewEvent } from '#libs/event-store';

export interface SyntheticAnalyticsEventsOptions {
  orgId: string;
  workspaceIds: string[];
  feedback: number;
  exports: number;
  startMs?: number;
}

const uuid = (seed: string) => deterministicEventId(seed, 0);

/**
 * Feedback and log exports as the analytics service would have recorded them, appended straight
 * to the event store; deterministic for an organisation (the engines' query parity suite compares
 * on it). Traces and timestamps repeat, so lists must break ties by id on every engine.
 */
export async function seedSyntheticAnalyticsEvents(store: EventStore, options: SyntheticAnalyticsEventsOptions): Promise<{ appends: number }> {
  const { orgId, workspaceIds } = options;
  const start = options.startMs ?? Date.parse('2026-04-01T00:00:00.000Z');
  const at = (i: number) => new Date(start + Math.floor(i / 3) * 1000).toISOString();
  const by = uuid(`${orgId}:user:0`);
  let appends = 0;
  for (let i = 0; i < options.feedback; i++) {
    const feedbackId = uuid(`${orgId}:feedback:${i}`);
    const created: FeedbackEvents.FeedbackCreated = {
      feedbackId, orgId, workspaceId: workspaceIds[i % workspaceIds.length]!, traceId: `trace-${i % 11}`, value: (i % 21) - 10, weight: (i % 5) / 4, metadataJson: JSON.stringify({ n: i }), by, at: at(i),
    };
    const events: NewEvent[] = [{ id: uuid(`feedback-${feedbackId}:0`), type: 'FeedbackCreated', data: created, metadata: { orgId } }];
    if (i % 4 === 0) events.push({ id: uuid(`feedback-${feedbackId}:1`), type: 'FeedbackUpdated', data: { ...created, value: 3, at: at(i + 1) } satisfies FeedbackEvents.FeedbackUpdated, metadata: { orgId } });
    await store.append(`feedback-${feedbackId}`, events);
    appends++;
  }
  for (let i = 0; i < options.exports; i++) {
    const exportId = uuid(`${orgId}:export:${i}`);
    const created: LogExportEvents.LogExportCreated = {
      exportId, orgId, workspaceId: i % 4 === 3 ? null : workspaceIds[i % workspaceIds.length]!, filtersJson: JSON.stringify({ time_of_generation_min: at(i) }), requestedData: ['id', 'cost'], description: i % 2 ? `export ${i}` : null, ownerKeyId: uuid(`${orgId}:key:${i % 3}`), by, at: at(i),
    };
    const events: NewEvent[] = [{ id: uuid(`logExport-${exportId}:0`), type: 'LogExportCreated', data: created, metadata: { orgId } }];
    if (i % 3 === 0) events.push({ id: uuid(`logExport-${exportId}:1`), type: 'LogExportStarted', data: { exportId, at: at(i + 1) } satisfies LogExportEvents.LogExportStarted, metadata: { orgId } });
    if (i % 6 === 0) events.push({ id: uuid(`logExport-${exportId}:2`), type: 'LogExportSucceeded', data: { exportId, total: i, bytes: i * 10, at: at(i + 2) } satisfies LogExportEvents.LogExportSucceeded, metadata: { orgId } });
    await store.append(`logExport-${exportId}`, events);
    appends++;
  }
  return { appends };
}
