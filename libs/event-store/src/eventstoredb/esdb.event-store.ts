import {
  ANY,
  EventStoreDBClient,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AppendExpectedRevision,
  type JSONType,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors.js';
import { detectRepeatedAppend } from '../idempotency.js';
import { parseStreamName } from '../stream-name.js';
import { withCommitBoundaries } from './commit-boundaries.js';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeAllOptions,
  SubscribedEvent,
  Subscription,
} from '../event-store.port.js';

/**
 * EventStoreDB / KurrentDB adapter (`EVENT_STORE_URL=esdb://…`). Positions are commit positions
 * of the `$all` log; EventStoreDB itself enforces expected revisions and event-id idempotency.
 */
export class EventStoreDbEventStore implements EventStore {
  private constructor(private readonly client: EventStoreDBClient) {}

  static async connect(connectionString: string): Promise<EventStoreDbEventStore> {
    const client = EventStoreDBClient.connectionString(connectionString);
    const store = new EventStoreDbEventStore(client);
    await store.headPosition();
    return store;
  }

  async append(streamName: string, events: readonly NewEvent[], options: AppendOptions = {}): Promise<AppendResult> {
    parseStreamName(streamName);
    const expected = options.expectedRevision ?? 'any';
    if (events.length === 0) {
      const existing = await this.readStream(streamName);
      return { nextRevision: existing.at(-1)?.revision ?? -1, position: existing.at(-1)?.position ?? 0 };
    }
    try {
      const result = await this.client.appendToStream(
        streamName,
        events.map((e) => jsonEvent({ id: e.id, type: e.type, data: e.data as JSONType, metadata: (e.metadata ?? {}) as JSONType })),
        { expectedRevision: toEsdbRevision(expected) },
      );
      return { nextRevision: Number(result.nextExpectedRevision), position: Number(result.position?.commit ?? 0n) };
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const existing = await this.readStream(streamName);
        const repeat = detectRepeatedAppend(streamName, expected, existing, events);
        if (repeat) return repeat;
        throw new WrongExpectedRevisionError(streamName, expected, existing.at(-1)?.revision ?? 'no_stream');
      }
      throw unavailable(error);
    }
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    parseStreamName(streamName);
    const out: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamName, { fromRevision: BigInt(options.fromRevision ?? 0) });
      for await (const resolved of read) if (resolved.event) out.push(toRecorded(resolved.event, resolved.commitPosition));
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw unavailable(error);
    }
    return out;
  }

  async headPosition(): Promise<number> {
    try {
      for await (const resolved of this.client.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 })) {
        return Number(resolved.commitPosition ?? resolved.event?.position?.commit ?? 0n);
      }
      return 0;
    } catch (error) {
      throw unavailable(error);
    }
  }

  async readAt(position: number): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    try {
      const read = this.client.readAll({ fromPosition: { commit: BigInt(position), prepare: BigInt(position) }, maxCount: 100 });
      for await (const resolved of read) {
        if (!resolved.event || resolved.event.streamId.startsWith('$')) continue;
        const event = toRecorded(resolved.event, resolved.commitPosition);
        if (event.position !== position) break;
        out.push(event);
      }
    } catch (error) {
      throw unavailable(error);
    }
    return out;
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    const from = options.fromPosition ?? 0;
    const filter = options.categories?.length
      ? streamNameFilter({ prefixes: options.categories.map((c) => `${c}-`) })
      : excludeSystemEvents();
    const subscription = this.client.subscribeToAll({
      fromPosition: from > 0 ? { commit: BigInt(from), prepare: BigInt(from) } : START,
      filter,
    });
    async function* raw(): AsyncGenerator<Omit<SubscribedEvent, 'lastInCommit'>> {
      for await (const resolved of subscription) {
        if (!resolved.event) continue;
        const event = toRecorded(resolved.event, resolved.commitPosition);
        // The server resumes at the given position inclusively; the port promises "strictly after".
        if (event.position <= from) continue;
        yield { event, position: event.position };
      }
    }
    const generator = withCommitBoundaries(raw());
    return {
      [Symbol.asyncIterator]: () => generator,
      async close() {
        await subscription.unsubscribe();
        await generator.return(undefined);
      },
    };
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }
}

function toEsdbRevision(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'stream_exists') return STREAM_EXISTS;
  return BigInt(expected);
}

interface EsdbRecorded {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  created: Date;
  data: unknown;
  metadata: unknown;
  position?: { commit: bigint };
}

function toRecorded(e: EsdbRecorded, commitPosition?: bigint): RecordedEvent {
  return {
    id: e.id,
    type: e.type,
    data: e.data,
    metadata: (e.metadata ?? {}) as EventMetadata,
    streamName: e.streamId,
    revision: Number(e.revision),
    position: Number(commitPosition ?? e.position?.commit ?? 0n),
    recordedAt: e.created.toISOString(),
  };
}

function unavailable(error: unknown): Error {
  return new EventStoreUnavailableError(`EventStoreDB: ${(error as Error)?.message ?? String(error)}`, { cause: error });
}
