import type { SubscribedEvent, Subscription } from '#libs/event-store';

export interface BatchedFeedOptions {
  batchSize: number;
  /** A batch is written when no event arrived for this long. */
  idleMs: number;
  stopped: () => boolean;
}

/**
 * Reads a subscription in batches cut only at the end of an append (never between the events
 * of one commit), flushing when a batch is full or the feed goes quiet. `flush` returns once the
 * batch is durable.
 */
export async function runBatchedFeed(
  subscription: Subscription,
  options: BatchedFeedOptions,
  flush: (batch: SubscribedEvent[]) => Promise<void>,
): Promise<void> {
  const iterator = subscription[Symbol.asyncIterator]();
  let batch: SubscribedEvent[] = [];
  let next = iterator.next();
  while (!options.stopped()) {
    let timer: NodeJS.Timeout | undefined;
    const result = batch.length
      ? await Promise.race([next, new Promise<'idle'>((r) => (timer = setTimeout(() => r('idle'), options.idleMs)))])
      : await next;
    clearTimeout(timer);
    if (result === 'idle') {
      if (batch.at(-1)!.lastInCommit) {
        await flush(batch);
        batch = [];
      }
      continue;
    }
    if (result.done) break;
    next = iterator.next();
    batch.push(result.value);
    if (batch.length >= options.batchSize && result.value.lastInCommit) {
      await flush(batch);
      batch = [];
    }
  }
  if (batch.length && batch.at(-1)!.lastInCommit && !options.stopped()) await flush(batch);
}
