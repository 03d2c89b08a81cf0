import type { Filter } from './filter.js';
import type { Scalar } from './scalar.js';

/** Equality on the leading fields of an index, in order; an array means "any of these". */
export type Equals = Readonly<Record<string, Scalar | readonly Scalar[]>>;

/** Bounds on the first order field after the equality prefix, served by the index (one type: strings or numbers). */
export interface Range {
  gt?: string | number;
  gte?: string | number;
  lt?: string | number;
  lte?: string | number;
}

export interface FindQuery {
  eq?: Equals;
  range?: Range;
  /** Further conditions, checked on the documents of the index range only. */
  where?: Filter;
  skip?: number;
  limit?: number;
  /** The index order reversed (newest first on a time-ordered index). */
  reverse?: boolean;
}

export interface Page<Doc> {
  total: number;
  docs: Doc[];
}

/**
 * The query side of a read model. Every query names one of the indexes its projection declares,
 * so each engine serves it from an index: an ordered in-memory index, or a MongoDB index (hinted).
 * Results are ordered by the index fields after the equality prefix, then by `_id`.
 */
export interface ReadCollection<Doc> {
  get(id: string): Promise<Doc | null>;
  /** The documents that exist, in the order of `ids`. */
  getMany(ids: readonly string[]): Promise<Doc[]>;
  find(index: string, query?: FindQuery): Promise<Page<Doc>>;
  first(index: string, eq: Equals, where?: Filter): Promise<Doc | null>;
  count(index: string, eq?: Equals, where?: Filter): Promise<number>;
}
