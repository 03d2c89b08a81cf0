/**
 * The event store port (ARCHITECTURE.md §2). Adapters: JetStream (default), EventStoreDB, in-memory.
 *
 * Streams are named `<category>-<id>`. Revisions are 0-based per stream; positions are global,
 * strictly increasing between appends and shared by the events of one atomic append.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** Who did what, from where: carried by every event and read by the audit projector. */
export interface EventMetadata {
  orgId?: string;
  workspaceId?: string | null;
  actor?: { type: 'user' | 'api_key' | 'system'; id: string; keyId?: string };
  requestId?: string;
  correlationId?: string;
  causationId?: string;
  clientIp?: string;
  userAgent?: string;
  occurredAt?: string;
  [extra: string]: unknown;
}

export interface NewEvent<T = unknown> {
  /** Unique event id; re-appending the same id to the same stream is a no-op. */
  id: string;
  type: string;
  data: T;
  metadata?: EventMetadata;
}

export interface RecordedEvent<T = unknown> {
  id: string;
  type: string;
  data: T;
  metadata: EventMetadata;
  streamName: string;
  revision: number;
  position: number;
  recordedAt: string;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event written (or already present, for an idempotent re-append). */
  nextRevision: number;
  /** Global position of the append. */
  position: number;
}

export interface ReadStreamOptions {
  fromRevision?: number;
}

export interface SubscribeAllOptions {
  /** Deliver events strictly after this position; 0 (default) means from the beginning. */
  fromPosition?: number;
  /** Only events of these stream categories. */
  categories?: readonly string[];
}

export interface SubscribedEvent {
  event: RecordedEvent;
  position: number;
  /** True on the last event of an atomic append: the only safe place to checkpoint. */
  lastInCommit: boolean;
}

export interface Subscription extends AsyncIterable<SubscribedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  append(streamName: string, events: readonly NewEvent[], options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream in revision order; an empty array when the stream does not exist. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Catches up from `fromPosition`, then follows live appends until closed. */
  subscribeAll(options?: SubscribeAllOptions): Subscription;
  /** Position of the newest append, 0 when the store is empty. */
  headPosition(): Promise<number>;
  /** The events of the append at `position` (empty when there is none): an O(1) lookup. */
  readAt(position: number): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}
