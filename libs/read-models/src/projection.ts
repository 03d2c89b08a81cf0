import type { RecordedEvent } from '#libs/event-store';

/** Every read-model document carries the position of the last append it reflects. */
export interface ProjectedDocument {
  _id: string;
  _pos?: number;
  /** Positions of parked events that touched this document and could not be applied to it. */
  _parked?: number[];
}

/**
 * The lookups and list orders a read model serves, by name: fields of the equality prefix first,
 * then the order fields (`_id` always breaks ties). Both engines build exactly these, and every
 * query names one, so no query scans a collection.
 */
export type IndexDeclarations = Readonly<Record<string, readonly string[]>>;

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
  indexes?: IndexDeclarations;
  /**
   * The defining module (`import.meta.url`): its whole text is part of the projection's
   * fingerprint, so a change to any helper in that file invalidates snapshots taken before it.
   */
  source?: string;
  /**
   * Bump when something `evolve` depends on changes outside its own file: snapshots taken under
   * another version (or other code) are rebuilt from the events.
   */
  version?: number;
}
