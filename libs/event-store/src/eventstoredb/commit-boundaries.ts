import type { SubscribedEvent } from '../event-store.port.js';

const IDLE = Symbol('idle');

/**
 * Marks the last event of each atomic append in a feed whose backend does not say so itself:
 * an event is the last of its commit when the next one has another position, or when nothing
 * follows for `idleMs` (the events of one append are always delivered together).
 */
export async function* withCommitBoundaries(
  source: AsyncIterator<Omit<SubscribedEvent, 'lastInCommit'>>,
  idleMs = 25,
): AsyncGenerator<SubscribedEvent> {
  let pending: Omit<SubscribedEvent, 'lastInCommit'> | undefined;
  let next = source.next();
  for (;;) {
    let timer: NodeJS.Timeout | undefined;
    const result = pending
      ? await Promise.race([next, new Promise<typeof IDLE>((r) => (timer = setTimeout(() => r(IDLE), idleMs)))])
      : await next;
    clearTimeout(timer);
    if (result === IDLE) {
      yield { ...pending!, lastInCommit: true };
      pending = undefined;
      continue;
    }
    if (result.done) {
      if (pending) yield { ...pending, lastInCommit: true };
      return;
    }
    next = source.next();
    if (pending) yield { ...pending, lastInCommit: pending.position !== result.value.position };
    pending = result.value;
  }
}
