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
    const { state, revision, position } = await loadState(store, streamName, decider);
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, state, revision, position };
    const toAppend: NewEvent[] = events.map((e, i) => ({
      id: options.idempotencyKey ? deterministicEventId(`${options.idempotencyKey}:${streamName}`, i) : randomUUID(),
      type: e.type,
      data: e.data,
      metadata: options.metadata,
    }));
    try {
      const result = await store.append(streamName, toAppend, { expectedRevision: revision === -1 ? 'no_stream' : revision });
      const next = { state: events.reduce(decider.evolve, state), revision: result.nextRevision, position: result.position };
      remember(store, decider, streamName, next);
      return { events, ...next };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= maxRetries) throw error;
    }
  }
}

interface Folded<State> {
  state: State;
  /** Revision of the last event folded in; -1 for a stream that does not exist yet. */
  revision: number;
  position: number;
}

/** Streams whose folded state a process keeps, per store and decider (least recently used go). */
const STATE_CACHE_STREAMS = Number(process.env.PORTCULLIS_STATE_CACHE_STREAMS ?? 2_000);
const folded = new WeakMap<EventStore, WeakMap<object, Map<string, Folded<unknown>>>>();

function cacheOf(store: EventStore, decider: object): Map<string, Folded<unknown>> {
  let byDecider = folded.get(store);
  if (!byDecider) folded.set(store, (byDecider = new WeakMap()));
  let streams = byDecider.get(decider);
  if (!streams) byDecider.set(decider, (streams = new Map()));
  return streams;
}

function remember<State>(store: EventStore, decider: object, streamName: string, entry: Folded<State>): void {
  if (!(STATE_CACHE_STREAMS > 0)) return;
  const streams = cacheOf(store, decider);
  streams.delete(streamName);
  streams.set(streamName, entry);
  if (streams.size > STATE_CACHE_STREAMS) streams.delete(streams.keys().next().value!);
}

/**
 * The stream's current state: the state folded last time (deciders' states are immutable, so it
 * may be shared) plus the events appended since, by this process or any other. An organisation
 * with 100,000 members is then read once per process, not once per command.
 */
export async function loadState<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamName: string,
  decider: Decider<Command, Event, State>,
): Promise<Folded<State>> {
  const cached = cacheOf(store, decider).get(streamName) as Folded<State> | undefined;
  const base: Folded<State> = cached ?? { state: decider.initialState(), revision: -1, position: 0 };
  const tail = await store.readStream(streamName, base.revision >= 0 ? { fromRevision: base.revision + 1 } : {});
  const last = tail.at(-1);
  const next = last
    ? { state: tail.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as Event), base.state), revision: last.revision, position: last.position }
    : base;
  if (next.revision >= 0) remember(store, decider, streamName, next);
  return next;
}
