import type { RecordedEvent } from '#libs/event-store';

/** Every read-model document carries the position of the last append it reflects. */
export interface ProjectedDocument {
  _id: string;
  _pos?: number;
}

export type IndexSpec = [Record<string, 1 | -1>, { unique?: boolean; name?: string }?];

/**
 * A read model as a pure fold: `evolve(doc, event)` returns the new document, or null to
 * delete it. The runner makes it idempotent (an event at or below a document's `_pos` is
 * skipped) and durable (checkpoint per projection).
 */
export interface ProjectionDefinition<Doc extends ProjectedDocument = ProjectedDocument> {
  /** Unique name; also the checkpoint id. */
  name: string;
  collection: string;
  /** Stream categories this projection reads; events of other categories only move it forward. */
  categories: readonly string[];
  /** Ids of the documents an event touches. */
  keysOf(event: RecordedEvent): string[];
  evolve(doc: Doc | null, event: RecordedEvent, key: string): Doc | null;
  indexes?: IndexSpec[];
}
