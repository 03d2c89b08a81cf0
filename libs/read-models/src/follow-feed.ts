import { Logger } from '@nestjs/common';
import type { EventStore, SubscribedEvent, Subscription } from '#libs/event-store';
import { runBatchedFeed } from './batched-feed.js';

export interface FollowFeedOptions {
  /** Names the follower in log lines. */
  name: string;
  store: EventStore;
  /** Where to (re)start: the feed resumes strictly after this position. */
  position: () => number;
  batchSize: number;
  /** A batch is handed over when no event arrived for this long. */
  idleMs: number;
  stopped: () => boolean;
  /** Applies a batch (cut only at the end of an append); resolves once it is durable. */
  flush: (batch: SubscribedEvent[]) => Promise<void>;
  /** Told when following goes wrong (the message) and when it is fine again (null). */
  onTrouble?: (message: string | null) => void;
  /** With the store ahead and no batch applied for this long, the subscription is replaced. */
  stallAfterMs?: number;
}

const DEFAULT_STALL_MS = 15_000;

/**
 * Follows the event feed for as long as the follower runs: a subscription that fails (the
 * server restarted, a consumer was lost) or that stalls while the store moves on is replaced by a
 * new one from the last applied position, with backoff. Every follower of the feed (projections,
 * the audit projector and index, cache invalidation) runs on this, so none can stop silently.
 */
export function followFeed(options: FollowFeedOptions): FeedFollower {
  let current: Subscription | undefined;
  let halted = false;
  const stopped = () => halted || options.stopped();
  const done = follow({ ...options, stopped }, (s) => (current = s));
  return {
    done,
    async stop() {
      halted = true;
      await current?.close().catch(() => undefined);
      await done;
    },
  };
}

/** A running follower: `stop` closes its subscription and resolves once it has let go. */
export interface FeedFollower {
  done: Promise<void>;
  stop(): Promise<void>;
}

async function follow(options: FollowFeedOptions, onSubscription: (s: Subscription) => void): Promise<void> {
  const logger = new Logger(options.name);
  const stallMs = options.stallAfterMs ?? DEFAULT_STALL_MS;
  for (let attempt = 0; !options.stopped(); attempt++) {
    const subscription: Subscription = options.store.subscribeAll({ fromPosition: options.position() });
    onSubscription(subscription);
    let lastProgress = Date.now();
    let replaced = false;
    const watchdog = setInterval(() => {
      if (options.stopped() || Date.now() - lastProgress < stallMs) return;
      void options.store
        .headPosition()
        .then((head) => {
          if (head <= options.position()) {
            lastProgress = Date.now();
            return;
          }
          replaced = true;
          const message = `feed stalled at position ${options.position()} (store head ${head}): resubscribing`;
          logger.warn(message);
          options.onTrouble?.(message);
          void subscription.close();
        })
        .catch(() => undefined);
    }, Math.max(1_000, Math.floor(stallMs / 3)));
    watchdog.unref();
    try {
      await runBatchedFeed(subscription, { batchSize: options.batchSize, idleMs: options.idleMs, stopped: options.stopped }, async (batch) => {
        await options.flush(batch);
        lastProgress = Date.now();
        attempt = 0;
        options.onTrouble?.(null);
      });
      if (!options.stopped() && !replaced) logger.warn(`feed ended at position ${options.position()}: resubscribing`);
    } catch (error) {
      if (options.stopped()) break;
      const message = `feed failed at position ${options.position()} (${(error as Error)?.message ?? error}): resubscribing`;
      logger.error(message);
      options.onTrouble?.(message);
    } finally {
      clearInterval(watchdog);
      await subscription.close().catch(() => undefined);
    }
    if (options.stopped()) break;
    await new Promise((r) => setTimeout(r, Math.min(5_000, 100 * 2 ** Math.min(attempt, 6))));
  }
}
