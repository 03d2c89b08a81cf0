import type { ProjectedDocument, ReadCollection } from '#libs/read-models';

/** What the lookup helpers need from a service's read models (a `ProjectionHost`). */
export interface ReadModels {
  collection<Doc extends ProjectedDocument>(collection: string): ReadCollection<Doc>;
  /** Catches up with everything appended before the call (bounded). */
  catchUp(timeoutMs?: number): Promise<void>;
}
