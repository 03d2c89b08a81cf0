import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import { parseStreamName } from '../stream-name.js';
import type { NewEvent, RecordedEvent } from '../event-store.port.js';

/** One JetStream message carries one atomic append (a "commit") of one or more events. */
interface CommitBody {
  events: Array<Pick<NewEvent, 'id' | 'type' | 'data' | 'metadata'>>;
}

export const HEADER_STREAM = 'Es-Stream';
export const HEADER_REVISION = 'Es-Rev';
export const HEADER_COUNT = 'Es-Count';

const SAFE_TOKEN = /^[A-Za-z0-9_-]+$/;

/**
 * `<category>-<id>` maps to `<prefix>.<category>.<id>`. Ids holding characters that are not
 * subject-safe (dots, wildcards, spaces) are base64url-encoded behind a `~` marker.
 */
export function subjectFor(prefix: string, streamName: string): string {
  const { category, id } = parseStreamName(streamName);
  const token = SAFE_TOKEN.test(id) ? id : `~${Buffer.from(id, 'utf8').toString('base64url')}`;
  return `${prefix}.${category}.${token}`;
}

export function encodeCommit(streamName: string, firstRevision: number, events: readonly NewEvent[]) {
  const body: CommitBody = {
    events: events.map((e) => ({ id: e.id, type: e.type, data: e.data, metadata: e.metadata ?? {} })),
  };
  const headers = natsHeaders();
  headers.set(HEADER_STREAM, streamName);
  headers.set(HEADER_REVISION, String(firstRevision));
  headers.set(HEADER_COUNT, String(events.length));
  return { data: new TextEncoder().encode(JSON.stringify(body)), headers };
}

export interface StoredCommit {
  seq: number;
  header?: MsgHdrs;
  data: Uint8Array;
  time?: Date;
  timestamp?: string;
}

/** Revision of the last event in a stored commit. */
export function lastRevisionOf(msg: StoredCommit): number {
  const first = Number(msg.header?.get(HEADER_REVISION) ?? '0');
  const count = Number(msg.header?.get(HEADER_COUNT) ?? '1');
  return first + count - 1;
}

export function decodeCommit(msg: StoredCommit): RecordedEvent[] {
  const streamName = msg.header?.get(HEADER_STREAM) ?? '';
  const first = Number(msg.header?.get(HEADER_REVISION) ?? '0');
  const body = JSON.parse(new TextDecoder().decode(msg.data)) as CommitBody;
  const recordedAt = msg.time ? msg.time.toISOString() : (msg.timestamp ?? new Date(0).toISOString());
  return body.events.map((e, i) => ({
    id: e.id,
    type: e.type,
    data: e.data,
    metadata: e.metadata ?? {},
    streamName,
    revision: first + i,
    position: msg.seq,
    recordedAt,
  }));
}
