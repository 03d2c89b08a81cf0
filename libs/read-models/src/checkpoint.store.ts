import type { Connection } from 'mongoose';

const COLLECTION = 'projection_checkpoints';

interface CheckpointDoc {
  _id: string;
  position: number;
  updatedAt: Date;
}

/** One checkpoint per projection, in the projection's own database. */
export class CheckpointStore {
  constructor(private readonly db: Connection) {}

  async load(projection: string): Promise<number> {
    const doc = await this.db.collection<CheckpointDoc>(COLLECTION).findOne({ _id: projection });
    return doc?.position ?? 0;
  }

  async save(projection: string, position: number): Promise<void> {
    await this.db
      .collection<CheckpointDoc>(COLLECTION)
      .updateOne({ _id: projection }, { $max: { position }, $set: { updatedAt: new Date() } }, { upsert: true });
  }

  async reset(projection: string): Promise<void> {
    await this.db.collection<CheckpointDoc>(COLLECTION).deleteOne({ _id: projection });
  }
}
