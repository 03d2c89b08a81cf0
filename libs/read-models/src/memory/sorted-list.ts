import { compareKeys, type KeyPart } from '../query/scalar.js';

/** An index key: the indexed field values, then the document id (which makes it unique). */
export type IndexKey = readonly KeyPart[];

const LOAD = 512;

/**
 * A sorted list of index keys in chunks of at most 2×LOAD (the layout of Python's
 * sortedcontainers): insert and delete cost O(log n + LOAD), rank and positional access walk
 * the chunk sizes (n / LOAD numbers), so every operation stays flat from a thousand keys to a
 * million.
 */
export class SortedList {
  private chunks: IndexKey[][] = [];
  /** Largest key of each chunk, for the binary search over chunks. */
  private maxes: IndexKey[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  insert(key: IndexKey): void {
    this.count++;
    if (!this.chunks.length) {
      this.chunks.push([key]);
      this.maxes.push(key);
      return;
    }
    let c = this.chunkFor(key);
    if (c === this.chunks.length) c--;
    const chunk = this.chunks[c]!;
    chunk.splice(bisectLeft(chunk, key), 0, key);
    this.maxes[c] = chunk[chunk.length - 1]!;
    if (chunk.length > 2 * LOAD) {
      const tail = chunk.splice(LOAD);
      this.chunks.splice(c + 1, 0, tail);
      this.maxes.splice(c, 1, chunk[chunk.length - 1]!, tail[tail.length - 1]!);
    }
  }

  /** Removes an exact key; false when absent. */
  delete(key: IndexKey): boolean {
    const c = this.chunkFor(key);
    if (c === this.chunks.length) return false;
    const chunk = this.chunks[c]!;
    const i = bisectLeft(chunk, key);
    if (i === chunk.length || compareKeys(chunk[i]!, key) !== 0) return false;
    chunk.splice(i, 1);
    this.count--;
    if (!chunk.length) {
      this.chunks.splice(c, 1);
      this.maxes.splice(c, 1);
    } else {
      this.maxes[c] = chunk[chunk.length - 1]!;
    }
    return true;
  }

  /** Number of keys strictly below `key`. */
  rank(key: IndexKey): number {
    const c = this.chunkFor(key);
    let before = 0;
    for (let i = 0; i < c; i++) before += this.chunks[i]!.length;
    return c === this.chunks.length ? before : before + bisectLeft(this.chunks[c]!, key);
  }

  /** Keys at ranks [from, to), ascending, or descending from `to - 1` when `reverse`. */
  *range(from: number, to: number, reverse = false): Generator<IndexKey> {
    if (from >= to) return;
    if (!reverse) {
      let [c, i] = this.locate(from);
      for (let r = from; r < to && c < this.chunks.length; r++) {
        yield this.chunks[c]![i]!;
        if (++i === this.chunks[c]!.length) [c, i] = [c + 1, 0];
      }
      return;
    }
    let [c, i] = this.locate(to - 1);
    for (let r = to - 1; r >= from && c >= 0; r--) {
      yield this.chunks[c]![i]!;
      if (--i < 0 && --c >= 0) i = this.chunks[c]!.length - 1;
    }
  }

  /** Chunk and offset of rank `r`. */
  private locate(r: number): [number, number] {
    let c = 0;
    while (c < this.chunks.length && r >= this.chunks[c]!.length) r -= this.chunks[c++]!.length;
    return [c, r];
  }

  /** First chunk whose largest key is ≥ `key` (chunks.length when none). */
  private chunkFor(key: IndexKey): number {
    let lo = 0;
    let hi = this.maxes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.maxes[mid]!, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function bisectLeft(chunk: IndexKey[], key: IndexKey): number {
  let lo = 0;
  let hi = chunk.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(chunk[mid]!, key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
