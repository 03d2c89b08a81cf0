import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  JetStreamError,
  jetstream,
  jetstreamManager,
  StorageType,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import { assertExpectedRevision } from '../expected-revision.js';
import { detectRepeatedAppend } from '../idempotency.js';
import { decodeCommit, encodeCommit, lastRevisionOf, subjectFor, type StoredCommit } from './jetstream.codec.js';
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

export interface JetStreamEventStoreOptions {
  /** JetStream stream holding every event (default `EVENTS`). */
  stream?: string;
  /** Subject prefix (default `es`). */
  subjectPrefix?: string;
  /** Dedup window for event ids, in ms (default 2 minutes). */
  duplicateWindowMs?: number;
  /** How many times an `any` append retries after losing a race (default 20). */
  maxAnyRetries?: number;
  /** Read streams with batched direct gets; default: when the server is 2.14 or newer. */
  directGet?: boolean;
}

interface Tail {
  seq: number;
  revision: number;
}

const READ_BATCH = 512;

/**
 * Default event store on NATS JetStream (ARCHITECTURE.md §2): one JetStream message per atomic
 * append; optimistic concurrency through the expected-last-subject-sequence header; idempotency
 * through the message id (= first event id) plus a stream check beyond the dedup window.
 */
export class JetStreamEventStore implements EventStore {
  private readonly stream: string;
  private readonly prefix: string;
  private readonly tails = new Map<string, Tail>();

  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
    private readonly jsm: JetStreamManager,
    private readonly options: Required<Omit<JetStreamEventStoreOptions, 'directGet'>>,
    private readonly ownsConnection: boolean,
    /** Whether the server can be trusted with batched direct gets (2.14+). */
    private readonly batchDirectGet: boolean,
  ) {
    this.stream = options.stream;
    this.prefix = options.subjectPrefix;
  }

  /** Connects (or reuses `nc`) and creates the stream when missing. */
  static async connect(
    target: { servers: string | string[] } | { connection: NatsConnection },
    options: JetStreamEventStoreOptions = {},
  ): Promise<JetStreamEventStore> {
    const resolved: Required<Omit<JetStreamEventStoreOptions, 'directGet'>> = {
      stream: options.stream ?? 'EVENTS',
      subjectPrefix: options.subjectPrefix ?? 'es',
      duplicateWindowMs: options.duplicateWindowMs ?? 120_000,
      maxAnyRetries: options.maxAnyRetries ?? 20,
    };
    const owns = !('connection' in target);
    const nc =
      'connection' in target
        ? target.connection
        : await connect({ servers: target.servers, name: 'event-store', maxReconnectAttempts: -1, reconnectTimeWait: 250 });
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, resolved);
    const directGet = options.directGet ?? serverAtLeast(nc.info?.version, [2, 14]);
    return new JetStreamEventStore(nc, jetstream(nc), jsm, resolved, owns, directGet);
  }

  async append(streamName: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    const subject = subjectFor(this.prefix, streamName);
    const expected = options.expectedRevision ?? 'any';
    for (let attempt = 0; ; attempt++) {
      // A new stream needs no lookup: the server itself refuses the publish if the subject has
      // any message (expected last subject sequence 0).
      const assumeNew = expected === 'no_stream' && attempt === 0 && !this.tails.has(streamName);
      const tail = assumeNew ? { seq: 0, revision: -1 } : (this.tails.get(streamName) ?? (await this.fetchTail(streamName, subject)));
      try {
        assertExpectedRevision(streamName, expected, tail.revision);
      } catch (error) {
        return this.repeatOrThrow(streamName, expected, events, error);
      }
      if (events.length === 0) return { nextRevision: tail.revision, position: tail.seq };
      const { data, headers } = encodeCommit(streamName, tail.revision + 1, events);
      try {
        const ack = await this.js.publish(subject, data, {
          headers,
          msgID: events[0]!.id,
          expect: { lastSubjectSequence: tail.seq },
        });
        if (ack.duplicate) return this.resultOfDuplicate(streamName, expected, events, ack.seq);
        const result = { nextRevision: tail.revision + events.length, position: ack.seq };
        this.tails.set(streamName, { seq: ack.seq, revision: result.nextRevision });
        return result;
      } catch (error) {
        if (!isWrongLastSequence(error)) throw wrapUnavailable(error);
        // Someone else appended, or our cached tail was stale: the next pass re-reads the tail
        // and checks the expectation again.
        this.tails.delete(streamName);
        if (attempt >= this.options.maxAnyRetries) {
          throw new WrongExpectedRevisionError(streamName, expected, tail.revision === -1 ? 'no_stream' : tail.revision);
        }
      }
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const subject = subjectFor(this.prefix, streamName);
    const from = options.fromRevision ?? 0;
    // Reading only what follows a known commit of the stream: a command handler holding the
    // folded state at a revision asks for the rest, and a long stream is not read again.
    const known = this.tails.get(streamName);
    const tailOnly = from > 0 && this.batchDirectGet && known !== undefined && known.seq > 0 && known.revision < from;
    const commits = this.batchDirectGet ? await this.readByDirectGet(subject, tailOnly ? known.seq + 1 : 1) : await this.readByConsumer(subject);
    const last = commits.at(-1);
    if (last) this.tails.set(streamName, { seq: last.seq, revision: lastRevisionOf(last) });
    else if (!tailOnly) this.tails.set(streamName, { seq: 0, revision: -1 });
    return commits.flatMap(decodeCommit).filter((e) => e.revision >= from);
  }

  /** Batched direct gets by subject: no consumer to create, the cheapest read (2.14+). */
  private async readByDirectGet(subject: string, fromSeq = 1): Promise<StoredCommit[]> {
    const commits: StoredCommit[] = [];
    let seq = fromSeq;
    for (;;) {
      let received = 0;
      let pending = 0;
      try {
        const batch = await this.jsm.direct.getBatch(this.stream, { seq, next_by_subj: subject, batch: READ_BATCH });
        for await (const msg of batch) {
          received++;
          pending = msg.pending;
          seq = msg.seq + 1;
          commits.push(msg);
        }
      } catch (error) {
        if (!isNoMessage(error)) throw wrapUnavailable(error);
      }
      if (received === 0 || pending <= 0) return commits;
    }
  }

  /**
   * Older servers: an ordered consumer on the subject. (Batched direct gets exist from 2.11, but
   * 2.11–2.12 can deadlock a stream when they race with publishes: getDirectRequest re-takes the
   * stream's read lock while a writer waits.)
   */
  private async readByConsumer(subject: string): Promise<StoredCommit[]> {
    try {
      const consumer = await this.js.consumers.get(this.stream, { filter_subjects: subject });
      const pending = (await consumer.info(true)).num_pending;
      const commits: StoredCommit[] = [];
      while (commits.length < pending) {
        const batch = await consumer.fetch({ max_messages: Math.min(READ_BATCH, pending - commits.length), expires: 5_000 });
        for await (const msg of batch) commits.push({ seq: msg.seq, header: msg.headers, data: msg.data, time: msg.time });
      }
      await consumer.delete().catch(() => undefined);
      return commits;
    } catch (error) {
      throw wrapUnavailable(error);
    }
  }

  async readAt(position: number): Promise<RecordedEvent[]> {
    try {
      const msg = await this.jsm.direct.getMessage(this.stream, { seq: position });
      return msg ? decodeCommit(msg) : [];
    } catch (error) {
      if (isNoMessage(error)) return [];
      throw wrapUnavailable(error);
    }
  }

  async headPosition(): Promise<number> {
    const info = await this.jsm.streams.info(this.stream);
    return info.state.last_seq;
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    const from = options.fromPosition ?? 0;
    const filters = options.categories?.length
      ? options.categories.map((c) => `${this.prefix}.${c}.>`)
      : [`${this.prefix}.>`];
    let stop: (() => void) | undefined;
    let stopped = false;
    const js = this.js;
    const stream = this.stream;
    async function* iterate(): AsyncGenerator<SubscribedEvent> {
      const consumer = await js.consumers.get(stream, {
        filter_subjects: filters,
        ...(from > 0 ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from + 1 } : {}),
      });
      if (stopped) return;
      const messages = await consumer.consume({ max_messages: 1024 });
      stop = () => void messages.stop();
      try {
        for await (const msg of messages) {
          const events = decodeCommit({ seq: msg.seq, header: msg.headers, data: msg.data, time: msg.time });
          for (let i = 0; i < events.length; i++) {
            yield { event: events[i]!, position: msg.seq, lastInCommit: i === events.length - 1 };
          }
          if (stopped) break;
        }
      } finally {
        await messages.close().catch(() => undefined);
      }
    }
    const generator = iterate();
    return {
      [Symbol.asyncIterator]: () => generator,
      async close() {
        stopped = true;
        stop?.();
        await generator.return(undefined);
      },
    };
  }

  async close(): Promise<void> {
    if (this.ownsConnection) await this.nc.drain().catch(() => this.nc.close());
  }

  private async fetchTail(streamName: string, subject: string): Promise<Tail> {
    try {
      const last = await this.jsm.direct.getMessage(this.stream, { last_by_subj: subject });
      const tail = last ? { seq: last.seq, revision: lastRevisionOf(last) } : { seq: 0, revision: -1 };
      this.tails.set(streamName, tail);
      return tail;
    } catch (error) {
      if (isNoMessage(error)) return { seq: 0, revision: -1 };
      throw wrapUnavailable(error);
    }
  }

  private async repeatOrThrow(
    streamName: string,
    expected: AppendOptions['expectedRevision'] & {},
    events: readonly NewEvent[],
    conflict: unknown,
  ): Promise<AppendResult> {
    const repeat = detectRepeatedAppend(streamName, expected, await this.readStream(streamName), events);
    if (repeat) return repeat;
    throw conflict;
  }

  private async resultOfDuplicate(
    streamName: string,
    expected: AppendOptions['expectedRevision'] & {},
    events: readonly NewEvent[],
    seq: number,
  ): Promise<AppendResult> {
    const original = await this.jsm.direct.getMessage(this.stream, { seq });
    if (original && original.header?.get('Es-Stream') === streamName) {
      return detectRepeatedAppend(streamName, expected, decodeCommit(original), events) ?? {
        nextRevision: lastRevisionOf(original),
        position: seq,
      };
    }
    // The id was used on another stream within the dedup window: refuse rather than lose the events.
    throw new WrongExpectedRevisionError(streamName, expected, 'no_stream');
  }
}

async function ensureStream(jsm: JetStreamManager, options: Required<Omit<JetStreamEventStoreOptions, 'directGet'>>): Promise<void> {
  const config = {
    name: options.stream,
    subjects: [`${options.subjectPrefix}.>`],
    storage: StorageType.File,
    duplicate_window: options.duplicateWindowMs * 1_000_000,
    allow_direct: true,
    // Events are immutable: nobody may delete or purge messages of the store.
    deny_delete: true,
    deny_purge: true,
  };
  try {
    await jsm.streams.info(options.stream);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) {
      await jsm.streams.add(config).catch(async (raced: unknown) => {
        // Another process created it at the same moment; that is fine.
        if (!(await jsm.streams.info(options.stream).then(() => true, () => false))) throw raced;
      });
      return;
    }
    throw wrapUnavailable(error);
  }
}

function isWrongLastSequence(error: unknown): boolean {
  return (
    error instanceof JetStreamApiError &&
    (error.code === JetStreamApiCodes.StreamWrongLastSequence ||
      error.code === JetStreamApiCodes.StreamWrongLastSequenceUnknown)
  );
}

/** `2.14.9` ≥ [2, 14]? Unknown versions count as old. */
export function serverAtLeast(version: string | undefined, [major, minor]: [number, number]): boolean {
  const [a = 0, b = 0] = (version ?? '0.0').split('.').map((n) => parseInt(n, 10));
  return a > major || (a === major && b >= minor);
}

function isNoMessage(error: unknown): boolean {
  if (error instanceof JetStreamApiError) return error.code === JetStreamApiCodes.NoMessageFound;
  // Direct batch gets end with a 404 status when no message matches.
  return error instanceof JetStreamError && (error as JetStreamError & { code?: number }).code === 404;
}

function wrapUnavailable(error: unknown): unknown {
  if (error instanceof WrongExpectedRevisionError) return error;
  if (error instanceof JetStreamApiError) return error;
  return new EventStoreUnavailableError(`JetStream: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}
