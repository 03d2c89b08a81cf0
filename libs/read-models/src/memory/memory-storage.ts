import type { ProjectedDocument } from '../projection.js';
import { deadLetterId, type DeadLetter } from '../runner/dead-letter.js';
import type { DocumentChange, ProjectionStorage } from '../runner/projection-storage.js';
import { MemoryCollection } from './memory-collection.js';
import { readSnapshot, removeSnapshot, writeSnapshot } from './snapshot-file.js';

export interface MemoryStorageOptions {
  /** Where snapshots go; unset keeps nothing across restarts (replays, tests). */
  snapshotPath?: string;
  /** Identifies the projection's code: a snapshot taken under other code is ignored. */
  fingerprint: string;
  projection: string;
  onSnapshot?: (info: { path: string; bytes: number; docs: number; ms: number }) => void;
}

/**
 * A projection kept in memory: documents and ordered indexes in a `MemoryCollection`, the
 * checkpoint and dead letters beside them, made durable as a snapshot file; after a restart the
 * runner replays only the events after the snapshot's position.
 */
export class MemoryStorage<Doc extends ProjectedDocument> implements ProjectionStorage<Doc> {
  readonly engine = 'memory' as const;
  private position = 0;
  private persistedPosition = -1;
  private letters = new Map<string, DeadLetter>();
  private writing?: Promise<void>;

  constructor(
    readonly collection: MemoryCollection<Doc>,
    private readonly options: MemoryStorageOptions,
  ) {}

  async open(): Promise<number> {
    this.collection.clear();
    this.letters.clear();
    this.position = 0;
    if (!this.options.snapshotPath) return 0;
    const header = await readSnapshot<Doc>(this.options.snapshotPath, (doc) => this.collection.put(doc._id, doc));
    if (!header || header.fingerprint !== this.options.fingerprint || header.projection !== this.options.projection) {
      this.collection.clear();
      return 0;
    }
    for (const letter of header.deadLetters) this.letters.set(deadLetterId(letter), letter);
    this.position = this.persistedPosition = header.position;
    return this.position;
  }

  async read(ids: readonly string[]): Promise<Map<string, Doc>> {
    const out = new Map<string, Doc>();
    for (const id of ids) {
      const doc = this.collection.getSync(id);
      if (doc) out.set(id, doc);
    }
    return out;
  }

  async commit(changes: readonly DocumentChange<Doc>[], checkpoint?: number): Promise<void> {
    for (const change of changes) this.collection.put(change.id, change.doc);
    if (checkpoint !== undefined && checkpoint > this.position) this.position = checkpoint;
  }

  async park(letters: readonly DeadLetter[]): Promise<void> {
    for (const letter of letters) this.letters.set(deadLetterId(letter), letter);
  }

  async unpark(letters: readonly DeadLetter[]): Promise<void> {
    for (const letter of letters) this.letters.delete(deadLetterId(letter));
  }

  async deadLetters(): Promise<DeadLetter[]> {
    return [...this.letters.values()].sort((a, b) => a.position - b.position);
  }

  async reset(): Promise<void> {
    await this.writing;
    this.collection.clear();
    this.letters.clear();
    this.position = 0;
    this.persistedPosition = -1;
    if (this.options.snapshotPath) await removeSnapshot(this.options.snapshotPath);
  }

  async scan(afterId: string | undefined, limit: number): Promise<Doc[]> {
    const out: Doc[] = [];
    for (const doc of this.collection.all(afterId)) {
      if (out.length >= limit) break;
      out.push(doc);
    }
    return out;
  }

  async ping(): Promise<boolean> {
    return true;
  }

  /** Writes a snapshot when something changed since the last one (one write at a time). */
  async persist(): Promise<void> {
    if (!this.options.snapshotPath || this.position === this.persistedPosition) return;
    if (this.writing) return this.writing;
    const path = this.options.snapshotPath;
    const position = this.position;
    // Documents are immutable values: the array of references is a consistent picture.
    const docs = [...this.collection.all()];
    const header = {
      format: 1 as const,
      projection: this.options.projection,
      fingerprint: this.options.fingerprint,
      position,
      count: docs.length,
      deadLetters: [...this.letters.values()],
      writtenAt: new Date().toISOString(),
    };
    const started = Date.now();
    this.writing = writeSnapshot(path, header, docs)
      .then((bytes) => {
        this.persistedPosition = position;
        this.options.onSnapshot?.({ path, bytes, docs: docs.length, ms: Date.now() - started });
      })
      .finally(() => (this.writing = undefined));
    return this.writing;
  }
}
