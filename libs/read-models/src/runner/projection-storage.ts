import type { ProjectedDocument } from '../projection.js';
import type { ReadCollection } from '../query/read-collection.js';
import type { DeadLetter } from './dead-letter.js';

/** One document's new state, with the `_pos` it had when read (the compare-and-swap guard). */
export interface DocumentChange<Doc> {
  id: string;
  storedPos: number | undefined;
  doc: Doc | null;
}

/** A concurrent writer (another replica) changed a document between read and write. */
export class ConcurrentWriteError extends Error {}

/**
 * Where a projection's documents, checkpoint and dead letters live: the runner's side of an
 * engine. Queries use `collection`.
 */
export interface ProjectionStorage<Doc extends ProjectedDocument = ProjectedDocument> {
  readonly engine: 'memory' | 'mongo';
  readonly collection: ReadCollection<Doc>;
  /** Loads what survived the last run (a snapshot, or the stored checkpoint): the position it reflects. */
  open(): Promise<number>;
  read(ids: readonly string[]): Promise<Map<string, Doc>>;
  /** Writes the changes, then (when given) the checkpoint. */
  commit(changes: readonly DocumentChange<Doc>[], checkpoint?: number): Promise<void>;
  park(letters: readonly DeadLetter[]): Promise<void>;
  unpark(letters: readonly DeadLetter[]): Promise<void>;
  deadLetters(): Promise<DeadLetter[]>;
  /** Empties documents, checkpoint and dead letters (a rebuild from zero). */
  reset(): Promise<void>;
  /** Whether the store answers at all: tells a poison document from an outage. */
  ping(): Promise<boolean>;
  /** Documents in id order after `afterId` (replays and exports only: this reads the whole model). */
  scan(afterId: string | undefined, limit: number): Promise<Doc[]>;
  /** Makes the current state durable where the engine needs it (memory snapshots). */
  persist(): Promise<void>;
}
