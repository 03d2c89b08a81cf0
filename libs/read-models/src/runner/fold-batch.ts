import { eventPayloadProblem } from '#libs/contracts';
import type { SubscribedEvent } from '#libs/event-store';
import type { ProjectedDocument, ProjectionDefinition } from '../projection.js';
import type { DeadLetter } from './dead-letter.js';

export interface FoldResult<Doc> {
  /** Final state of every document the batch changed (null: deleted). */
  docs: Map<string, Doc | null>;
  /** The events applied to each changed document, to park them if that document cannot be stored. */
  touchedBy: Map<string, SubscribedEvent[]>;
  parked: DeadLetter[];
}

/**
 * Folds a batch into documents, pure and in memory. An event whose payload breaks the bounds every
 * store can hold, or whose `evolve` throws, is parked instead of applied (so it cannot stall the
 * projection); the documents it should have changed are marked with its position. Retrying such an
 * event would fail the same way: `evolve` and the bounds are deterministic.
 */
export function foldBatch<Doc extends ProjectedDocument>(
  projection: ProjectionDefinition<Doc>,
  events: readonly SubscribedEvent[],
  stored: ReadonlyMap<string, Doc>,
  now: string,
  onlyKeys?: ReadonlySet<string>,
): FoldResult<Doc> {
  const docs = new Map<string, Doc | null>();
  const touchedBy = new Map<string, SubscribedEvent[]>();
  const parked: DeadLetter[] = [];
  const current = (key: string) => (docs.has(key) ? docs.get(key)! : (stored.get(key) ?? null));
  const storedPos = (key: string) => stored.get(key)?._pos ?? 0;
  for (const item of events) {
    const { event, position } = item;
    let keys: string[] = [];
    let next: Array<[string, Doc | null]> = [];
    let problem: string | null = null;
    try {
      keys = projection.keysOf(event).filter((k) => (!onlyKeys || onlyKeys.has(k)) && storedPos(k) < position);
      if (!keys.length) continue;
      problem = eventPayloadProblem(event.data);
      if (!problem) next = keys.map((key) => [key, withPosition(projection.evolve(current(key), event, key), key, position)]);
    } catch (error) {
      problem = `evolve failed: ${(error as Error)?.message ?? String(error)}`;
    }
    if (problem) {
      parked.push(letterFor(projection.name, item, keys, problem, now));
      for (const key of keys) {
        const doc = current(key);
        if (doc) docs.set(key, { ...doc, _pos: position, _parked: [...(doc._parked ?? []), position] });
      }
      continue;
    }
    for (const [key, doc] of next) {
      docs.set(key, doc);
      touchedBy.set(key, [...(touchedBy.get(key) ?? []), item]);
    }
  }
  return { docs, touchedBy, parked };
}

function withPosition<Doc extends ProjectedDocument>(doc: Doc | null, key: string, position: number): Doc | null {
  return doc ? ({ ...doc, _id: key, _pos: position } as Doc) : null;
}

export function letterFor(projection: string, { event, position }: SubscribedEvent, keys: string[], error: string, now: string): DeadLetter {
  return {
    projection,
    position,
    eventId: event.id,
    eventType: event.type,
    streamName: event.streamName,
    keys,
    error: error.slice(0, 2_000),
    attempts: 1,
    parkedAt: now,
  };
}
