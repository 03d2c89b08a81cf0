import type { FeedbackEvents } from '#libs/contracts';
import type { EventStore } from '#libs/event-store';
import { followFeed, type FeedFollower } from '#libs/read-models';
import type { AnalyticsFeedback } from './analytics-store.port.js';
import { feedbackChanges } from './feedback-changes.js';

export interface FeedbackFeedOptions {
  events: EventStore;
  /** The last feed position applied: following resumes strictly after it. */
  from: () => number;
  /** Applies a batch's feedback (possibly none) with the batch's last position. */
  apply: (feedback: AnalyticsFeedback[], position: number) => Promise<void>;
}

const CREATED_AT_CACHE = 10_000;

/** Follows the event feed for feedback events (`followFeed`: resubscribes on failure or stall). */
export class FeedbackFeed {
  private stopped = false;
  private readonly follower: FeedFollower;
  private readonly createdAt = new Map<string, number>();

  constructor(private readonly options: FeedbackFeedOptions) {
    this.follower = followFeed({
      name: 'analytics-feedback-feed',
      store: options.events,
      position: options.from,
      batchSize: 1_000,
      idleMs: 20,
      stopped: () => this.stopped,
      flush: async (batch) => {
        const feedback = await feedbackChanges(batch, (id) => this.createdAtOf(id));
        for (const f of feedback) this.remember(f.id, f.at);
        await options.apply(feedback, batch.at(-1)!.position);
      },
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.follower.stop();
  }

  /** An update of feedback created before this batch: its stream's FeedbackCreated (cached). */
  private async createdAtOf(feedbackId: string): Promise<number | null> {
    const known = this.createdAt.get(feedbackId);
    if (known !== undefined) return known;
    const events = await this.options.events.readStream(`feedback-${feedbackId}`);
    const created = events.find((e) => e.type === 'FeedbackCreated');
    if (!created) return null;
    const at = Date.parse((created.data as FeedbackEvents.FeedbackCreated).at);
    this.remember(feedbackId, at);
    return at;
  }

  private remember(id: string, at: number): void {
    if (this.createdAt.size >= CREATED_AT_CACHE) this.createdAt.delete(this.createdAt.keys().next().value!);
    this.createdAt.set(id, at);
  }
}
