import { randomUUID } from 'node:crypto';
import { assertExpectedRevision } from '../expected-revision.js';
import { detectRepeatedAppend } from '../idempotency.js';
import { categoryOf, parseStreamName } from '../stream-name.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  SubscribedEvent,
  Subscription,
} from '../event-store.port.js';

/** Event store in process memory: for handler unit tests and the conformance suite's baseline. */
export class InMemoryEventStore implements EventStore {
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly all: RecordedEvent[] = [];
  private position = 0;
  private waiters: Array<() => void> = [];
  private closed = false;
  readonly instanceId = randomUUID();

  async append(streamName: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    parseStreamName(streamName);
    const expected = options.expectedRevision ?? 'any';
    const existing = this.streams.get(streamName) ?? [];
    const repeat = detectRepeatedAppend(streamName, expected, existing, events);
    if (repeat) return repeat;
    const current = existing.length - 1;
    assertExpectedRevision(streamName, expected, current);
    if (events.length === 0) return { nextRevision: current, position: this.position };
    const position = ++this.position;
    const recordedAt = new Date().toISOString();
    const recorded = events.map<RecordedEvent>((e, i) => ({
      id: e.id,
      type: e.type,
      data: structuredClone(e.data),
      metadata: structuredClone(e.metadata ?? {}),
      streamName,
      revision: current + 1 + i,
      position,
      recordedAt,
    }));
    this.streams.set(streamName, [...existing, ...recorded]);
    this.all.push(...recorded);
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
    return { nextRevision: current + events.length, position };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    parseStreamName(streamName);
    const from = options.fromRevision ?? 0;
    return (this.streams.get(streamName) ?? []).filter((e) => e.revision >= from).map((e) => structuredClone(e));
  }

  async headPosition(): Promise<number> {
    return this.position;
  }

  async readAt(position: number): Promise<RecordedEvent[]> {
    return this.all.filter((e) => e.position === position).map((e) => structuredClone(e));
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    const categories = options.categories ? new Set(options.categories) : undefined;
    let after = options.fromPosition ?? 0;
    let stopped = false;
    let wakeStopped: (() => void) | undefined;
    const store = this;
    async function* iterate(): AsyncGenerator<SubscribedEvent> {
      let index = store.all.findIndex((e) => e.position > after);
      if (index === -1) index = store.all.length;
      while (!stopped && !store.closed) {
        while (index < store.all.length && !stopped) {
          const event = store.all[index]!;
          const next = store.all[index + 1];
          index++;
          after = event.position;
          if (categories && !categories.has(categoryOf(event.streamName))) continue;
          yield { event: structuredClone(event), position: event.position, lastInCommit: next?.position !== event.position };
        }
        if (stopped) break;
        await new Promise<void>((resolve) => {
          wakeStopped = resolve;
          store.waiters.push(resolve);
        });
      }
    }
    const generator = iterate();
    return {
      [Symbol.asyncIterator]: () => generator,
      async close() {
        stopped = true;
        wakeStopped?.();
        await generator.return(undefined);
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiters.forEach((wake) => wake());
    this.waiters = [];
  }
}
