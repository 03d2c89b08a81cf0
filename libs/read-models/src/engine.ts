import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'mongoose';
import { MemoryCollection } from './memory/memory-collection.js';
import { MemoryStorage } from './memory/memory-storage.js';
import { MongoCollection } from './mongo/mongo-collection.js';
import { MongoStorage } from './mongo/mongo-storage.js';
import type { ProjectedDocument, ProjectionDefinition } from './projection.js';
import type { ProjectionStorage } from './runner/projection-storage.js';

export type QueryEngine = 'memory' | 'mongo';
export type QueryEngineSetting = 'auto' | QueryEngine;

export interface StorageOptions {
  /** Collection to write instead of the projection's own (replays). */
  collection?: string;
  /** Checkpoint id instead of the projection's name. */
  checkpointId?: string;
}

/** Where a service keeps its read models: one engine for all of them. */
export interface ReadEngine {
  readonly kind: QueryEngine;
  storageFor<Doc extends ProjectedDocument>(projection: ProjectionDefinition<Doc>, options?: StorageOptions): ProjectionStorage<Doc>;
}

export interface MemoryEngineOptions {
  /** Snapshot directory; unset keeps nothing across restarts. */
  snapshotDir?: string;
  onSnapshot?: (info: { path: string; bytes: number; docs: number; ms: number }) => void;
}

/** Read models in memory with ordered indexes, snapshotted to files: the embedded default. */
export class MemoryEngine implements ReadEngine {
  readonly kind = 'memory' as const;
  constructor(private readonly options: MemoryEngineOptions = {}) {}

  storageFor<Doc extends ProjectedDocument>(projection: ProjectionDefinition<Doc>, options: StorageOptions = {}): ProjectionStorage<Doc> {
    const name = options.collection ?? projection.collection;
    const id = options.checkpointId ?? projection.name;
    return new MemoryStorage(new MemoryCollection<Doc>(name, projection.indexes), {
      projection: projection.name,
      fingerprint: fingerprintOf(projection),
      snapshotPath: this.options.snapshotDir ? join(this.options.snapshotDir, `${id}.jsonl`) : undefined,
      onSnapshot: this.options.onSnapshot,
    });
  }
}

/** Read models in MongoDB, indexed as declared and shared by replicas. */
export class MongoEngine implements ReadEngine {
  readonly kind = 'mongo' as const;
  constructor(
    private readonly db: Connection,
    private readonly server: ServerKind,
  ) {}

  storageFor<Doc extends ProjectedDocument>(projection: ProjectionDefinition<Doc>, options: StorageOptions = {}): ProjectionStorage<Doc> {
    const name = options.collection ?? projection.collection;
    const mongo = this.server === 'mongodb';
    return new MongoStorage(this.db, new MongoCollection<Doc>(this.db, name, projection.indexes ?? {}, mongo), {
      checkpointId: options.checkpointId ?? projection.name,
      projection: projection.name,
      compareAndSwap: mongo,
    });
  }
}

export type ServerKind = 'mongodb' | 'ferretdb';

/** FerretDB announces itself in buildInfo; anything else speaking the protocol is MongoDB. */
export async function serverKind(db: Connection): Promise<ServerKind> {
  const info = await db.db!.admin().command({ buildInfo: 1 }).catch(() => ({}));
  return 'ferretdbVersion' in info ? 'ferretdb' : 'mongodb';
}

/**
 * `auto` keeps read models in memory unless the database is a real MongoDB: FerretDB 1.x uses no
 * index for any query, so every lookup and upsert there would scan its collection.
 */
export function resolveEngine(setting: QueryEngineSetting, server: ServerKind): QueryEngine {
  if (setting !== 'auto') return setting;
  return server === 'mongodb' ? 'mongo' : 'memory';
}

function sourceText(source: string | undefined): string {
  if (!source?.startsWith('file:')) return '';
  try {
    return readFileSync(fileURLToPath(source), 'utf8');
  } catch {
    return '';
  }
}

/** Identifies a projection's code: snapshots taken under a different one are rebuilt. */
export function fingerprintOf(projection: ProjectionDefinition<any>): string {
  return createHash('sha256')
    .update(JSON.stringify([projection.name, projection.categories, projection.indexes ?? {}, projection.version ?? 0]))
    .update(projection.evolve.toString())
    .update(projection.keysOf.toString())
    .update(sourceText(projection.source))
    .digest('hex')
    .slice(0, 32);
}
