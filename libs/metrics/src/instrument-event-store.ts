import type { ServiceMetrics } from './service-metrics.js';

interface Appending {
  append(...args: unknown[]): Promise<unknown>;
}

const isConflict = (error: unknown) => (error as { code?: string })?.code === 'EVENT_STORE.WRONG_EXPECTED_REVISION';

/** Times every append of `store` (in place) and counts optimistic-concurrency conflicts. */
export function instrumentEventStore<T extends object>(store: T, metrics: ServiceMetrics): T {
  const target = store as unknown as Appending;
  const append = target.append.bind(store);
  target.append = async (...args: unknown[]) => {
    const end = metrics.appendDuration.startTimer();
    try {
      const result = await append(...args);
      end({ outcome: 'ok' });
      const events = args[1];
      metrics.appendedEvents.inc(Array.isArray(events) ? events.length : 1);
      return result;
    } catch (error) {
      if (isConflict(error)) metrics.appendConflicts.inc();
      end({ outcome: isConflict(error) ? 'conflict' : 'error' });
      throw error;
    }
  };
  return store;
}
