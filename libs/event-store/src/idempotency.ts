import { WrongExpectedRevisionError } from './errors.js';
import type { AppendResult, ExpectedRevision, NewEvent, RecordedEvent } from './event-store.port.js';

/**
 * Decides whether an append whose events are already in the stream is a harmless repeat.
 * Returns the original result when every event id is already present, in the same order,
 * undefined when none is, and throws when only some are (a different append reused ids).
 */
export function detectRepeatedAppend(
  streamName: string,
  expected: ExpectedRevision,
  existing: readonly RecordedEvent[],
  events: readonly NewEvent[],
): AppendResult | undefined {
  if (events.length === 0) return undefined;
  const start = existing.findIndex((e) => e.id === events[0]!.id);
  if (start === -1) {
    if (existing.some((e) => events.some((n) => n.id === e.id))) {
      throw new WrongExpectedRevisionError(streamName, expected, existing.at(-1)?.revision ?? 'no_stream');
    }
    return undefined;
  }
  const slice = existing.slice(start, start + events.length);
  const same = slice.length === events.length && slice.every((e, i) => e.id === events[i]!.id);
  if (!same) throw new WrongExpectedRevisionError(streamName, expected, existing.at(-1)?.revision ?? 'no_stream');
  const last = slice.at(-1)!;
  return { nextRevision: last.revision, position: last.position };
}
