import type { Connection } from 'mongoose';
import { CheckpointStore } from '../checkpoint.store.js';
import type { ProjectedDocument } from '../projection.js';
import { deadLetterId, type DeadLetter } from '../runner/dead-letter.js';
import { ConcurrentWriteError, type DocumentChange, type ProjectionStorage } from '../runner/projection-storage.js';
import { encodeValue } from './key-codec.js';
import { decode, MongoCollection } from './mongo-collection.js';

const DEAD_LETTERS = 'projection_dead_letters';
// FerretDB 1.24 stalls on a single write command of 100 or more statements.
const WRITE_CHUNK = 50;

export interface MongoStorageOptions {
  checkpointId: string;
  projection: string;
  /** Compare-and-swap on `_pos` (MongoDB); FerretDB cannot push that filter down. */
  compareAndSwap: boolean;
}

/**
 * A projection in a MongoDB collection, shared by every replica: documents encoded so any JSON
 * is storable (`key-codec`), written with compare-and-swap on `_pos`, the checkpoint and dead
 * letters in collections of the same database.
 */
export class MongoStorage<Doc extends ProjectedDocument> implements ProjectionStorage<Doc> {
  readonly engine = 'mongo' as const;
  private readonly checkpoints: CheckpointStore;

  constructor(
    private readonly db: Connection,
    readonly collection: MongoCollection<Doc>,
    private readonly options: MongoStorageOptions,
  ) {
    this.checkpoints = new CheckpointStore(db);
  }

  async open(): Promise<number> {
    await this.collection.ensureIndexes();
    await this.db.collection(DEAD_LETTERS).createIndex({ projection: 1, position: 1 }, { name: 'by_projection' });
    return this.checkpoints.load(this.options.checkpointId);
  }

  async read(ids: readonly string[]): Promise<Map<string, Doc>> {
    const out = new Map<string, Doc>();
    if (!ids.length) return out;
    for (const stored of await this.db.collection(this.collection.name).find({ _id: { $in: [...ids] } as never }).toArray()) {
      out.set(String(stored._id), decode<Doc>(stored)!);
    }
    return out;
  }

  async commit(changes: readonly DocumentChange<Doc>[], checkpoint?: number): Promise<void> {
    const raw = this.db.collection(this.collection.name);
    type Operation = Parameters<typeof raw.bulkWrite>[0][number];
    const operations = changes.flatMap(({ id, storedPos, doc }): Operation[] => {
      const filter = (this.options.compareAndSwap && storedPos !== undefined ? { _id: id, _pos: storedPos } : { _id: id }) as never;
      const encoded = doc && (encodeValue({ ...doc, _id: id }) as never);
      if (storedPos === undefined) return encoded ? [{ insertOne: { document: encoded } }] : [];
      return encoded ? [{ replaceOne: { filter, replacement: encoded } }] : [{ deleteOne: { filter } }];
    });
    for (let i = 0; i < operations.length; i += WRITE_CHUNK) {
      const chunk = operations.slice(i, i + WRITE_CHUNK);
      const result = await raw.bulkWrite(chunk, { ordered: false });
      const applied = result.insertedCount + result.matchedCount + result.deletedCount;
      // Another replica wrote in between: the runner re-reads and applies again.
      if (applied !== chunk.length) throw new ConcurrentWriteError(`concurrent write on ${this.collection.name}: ${applied}/${chunk.length} applied`);
    }
    if (checkpoint !== undefined) await this.checkpoints.save(this.options.checkpointId, checkpoint);
  }

  async park(letters: readonly DeadLetter[]): Promise<void> {
    for (const letter of letters) {
      await this.db.collection(DEAD_LETTERS).replaceOne({ _id: deadLetterId(letter) as never }, encodeValue(letter) as never, { upsert: true });
    }
  }

  async unpark(letters: readonly DeadLetter[]): Promise<void> {
    if (!letters.length) return;
    await this.db.collection(DEAD_LETTERS).deleteMany({ _id: { $in: letters.map(deadLetterId) } as never });
  }

  async deadLetters(): Promise<DeadLetter[]> {
    const stored = await this.db.collection(DEAD_LETTERS).find({ projection: this.options.projection }).sort({ position: 1 }).toArray();
    return stored.map((s) => {
      const { _id, ...letter } = decode<DeadLetter & { _id: string }>(s)!;
      return letter as DeadLetter;
    });
  }

  async reset(): Promise<void> {
    await this.db.collection(this.collection.name).drop().catch(() => undefined);
    await this.checkpoints.reset(this.options.checkpointId);
    await this.db.collection(DEAD_LETTERS).deleteMany({ projection: this.options.projection });
    await this.collection.ensureIndexes();
  }

  async scan(afterId: string | undefined, limit: number): Promise<Doc[]> {
    const filter = afterId === undefined ? {} : { _id: { $gt: afterId } };
    const stored = await this.db.collection(this.collection.name).find(filter as never).sort({ _id: 1 }).limit(limit).toArray();
    return stored.map((s) => decode<Doc>(s)!);
  }

  async ping(): Promise<boolean> {
    return this.db
      .db!.admin()
      .command({ ping: 1 })
      .then(() => true)
      .catch(() => false);
  }

  async persist(): Promise<void> {}
}
