import { createHash, randomUUID } from 'node:crypto';
import { WrongExpectedRevisionError } from './errors.js';
import type { EventMetadata, EventStore, NewEvent, RecordedEvent } from './event-store.port.js';

/** A domain event before it is stored: a discriminated union member `{ type, data }`. */
export interface DomainEvent<T extends string = string, D = unknown> {
  type: T;
  data: D;
}

/** Pure aggregate rules: `decide` never does I/O, reads clocks or draws random numbers. */
export interface Decider<Command, Event extends DomainEvent, State> {
  initialState: () => State;
  decide: (command: Command, state: State) => Event[];
  evolve: (state: State, event: Event) => State;
}

export interface HandleOptions {
  metadata: EventMetadata;
  /** When set, event ids derive from it, so a retried request appends nothing twice. */
  idempotencyKey?: string;
  /** Conflict retries before giving up (default 5). */
  maxRetries?: number;
}

export interface HandleResult<Event extends DomainEvent, State> {
  events: Event[];
  state: State;
  /** Revision of the stream after the command; -1 when it still does not exist. */
  revision: number;
  /** Global position of the append, or of the stream's last event when nothing was appended. */
  position: number;
}

/** Folds stored events into state. */
export function foldState<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly RecordedEvent[],
): State {
  return events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), decider.initialState());
}

/** A UUID-shaped id derived from a key, so the same request always yields the same event ids. */
export function deterministicEventId(key: string, index: number): string {
  const h = createHash('sha256').update(`${key}#${index}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Load → decide → append with the expected revision; on a concurrent write, reload and decide
 * again, a bounded number of times (ARCHITECTURE.md §3).
 */
export async function handleCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamName: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  options: HandleOptions,
): Promise<HandleResult<Event, State>> {
  const maxRetries = options.maxRetries ?? 5;
  for (let attempt = 0; ; attempt++) {
    const history = await store.readStream(streamName);
    const state = foldState(decider, history);
    const revision = history.at(-1)?.revision ?? -1;
    const events = decider.decide(command, state);
    const position = history.at(-1)?.position ?? 0;
    if (events.length === 0) return { events, state, revision, position };
    const toAppend: NewEvent[] = events.map((e, i) => ({
      id: options.idempotencyKey ? deterministicEventId(`${options.idempotencyKey}:${streamName}`, i) : randomUUID(),
      type: e.type,
      data: e.data,
      metadata: options.metadata,
    }));
    try {
      const result = await store.append(streamName, toAppend, { expectedRevision: revision === -1 ? 'no_stream' : revision });
      return {
        events,
        state: events.reduce(decider.evolve, state),
        revision: result.nextRevision,
        position: result.position,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= maxRetries) throw error;
    }
  }
}
