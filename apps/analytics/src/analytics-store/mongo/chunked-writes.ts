import type { AnyBulkWriteOperation, Collection, Document } from 'mongodb';

// FerretDB 1.24 stalls on a single write command of 100 or more statements.
export const WRITE_CHUNK = 50;
const DUPLICATE_KEY = 11000;

/**
 * Writes unordered in chunks and returns the indexes (into `ops`) that hit a duplicate key: a log
 * already stored, or a bucket that already took the batch. Any other write error is thrown.
 */
export async function writeIgnoringDuplicates(collection: Collection, ops: AnyBulkWriteOperation<Document>[]): Promise<Set<number>> {
  const duplicates = new Set<number>();
  for (let i = 0; i < ops.length; i += WRITE_CHUNK) {
    try {
      await collection.bulkWrite(ops.slice(i, i + WRITE_CHUNK), { ordered: false });
    } catch (err) {
      const errors = [(err as { writeErrors?: unknown }).writeErrors ?? []].flat() as Array<{ index: number; code: number }>;
      if (!errors.length || errors.some((e) => e.code !== DUPLICATE_KEY)) throw err;
      for (const e of errors) duplicates.add(i + e.index);
    }
  }
  return duplicates;
}
