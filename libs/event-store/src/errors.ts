import type { ExpectedRevision } from './event-store.port.js';

/** Thrown when an append's expected revision does not match the stream. */
export class WrongExpectedRevisionError extends Error {
  readonly code = 'EVENT_STORE.WRONG_EXPECTED_REVISION';
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: number | 'no_stream',
  ) {
    super(`stream ${streamName}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class InvalidStreamNameError extends Error {
  readonly code = 'EVENT_STORE.INVALID_STREAM_NAME';
  constructor(readonly streamName: string) {
    super(`invalid stream name "${streamName}": expected <category>-<id> with category [A-Za-z0-9_]+`);
    this.name = 'InvalidStreamNameError';
  }
}

export class EventStoreUnavailableError extends Error {
  readonly code = 'EVENT_STORE.UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}
