import { WrongExpectedRevisionError } from './errors.js';
import type { ExpectedRevision } from './event-store.port.js';

/** `current` is the revision of the stream's last event, or -1 when the stream does not exist. */
export function assertExpectedRevision(streamName: string, expected: ExpectedRevision, current: number): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === -1) ||
    (expected === 'stream_exists' && current >= 0) ||
    (typeof expected === 'number' && expected === current);
  if (!ok) throw new WrongExpectedRevisionError(streamName, expected, current === -1 ? 'no_stream' : current);
}

/** Normalises what callers pass (numbers, bigints from other layers) into the port's union. */
export function isExpectedRevision(value: unknown): value is ExpectedRevision {
  return (
    value === 'any' ||
    value === 'no_stream' ||
    value === 'stream_exists' ||
    (typeof value === 'number' && Number.isInteger(value) && value >= -1)
  );
}
