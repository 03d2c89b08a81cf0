import { Logger } from '@nestjs/common';
import type { Connection } from 'mongoose';
import { DomainError } from '#libs/contracts';
import type { EventStore, SubscribedEvent, Subscription } from '#libs/event-store';
import { CheckpointStore } from '#libs/read-models';
import type { AuditDraft, AuditRecord } from './audit-record.js';
import { link, type ChainHead } from './chain.js';
import { recordFromEvent } from './record-from-event.js';

export const AUDIT_COLLECTION = 'audit_logs';
const WRITE_CHUNK = 50;
const IDLE_FLUSH_MS = 5;

export interface AuditProjectorOptions {
  collection?: string;
  checkpointId?: string;
  batchSize?: number;
  /** Records of these chains up to these sequence numbers were pruned: not written again. */
  prunedThrough?: Map<string, number>;
  /** Replays stop at the first failure instead of retrying (their chain heads live in memory). */
  failFast?: boolean;
  onBatch?: (position: number, events: number) => void;
}

/**
 * Builds the audit log from the event feed, idempotently, and chains it per organisation. Each
 * batch: derive drafts, drop the ones already stored, link the rest onto their chain heads (read
 * from the stored records, never from a cache that a crash could leave stale), insert in order,
 * then move the checkpoint. Replaying the feed reproduces every record, sequence and hash.
 */
export class AuditProjector {
  private readonly logger = new Logger('audit-projector');
  private readonly checkpoints: CheckpointStore;
  private subscription?: Subscription;
  private loop?: Promise<void>;
  private stopped = true;
  private processed = 0;
  private waiters: Array<{ position: number; resolve: () => void }> = [];
  private heads = new Map<string, ChainHead>();
  /** Set when a fail-fast projector gave up. */
  failure?: Error;
  readonly collectionName: string;
  readonly checkpointId: string;

  constructor(
    private readonly store: EventStore,
    private readonly db: Connection,
    private readonly options: AuditProjectorOptions = {},
  ) {
    this.checkpoints = new CheckpointStore(db);
    this.collectionName = options.collection ?? AUDIT_COLLECTION;
    this.checkpointId = options.checkpointId ?? 'audit-projector';
  }

  get position(): number {
    return this.processed;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    await ensureAuditIndexes(this.db, this.collectionName);
    this.processed = await this.checkpoints.load(this.checkpointId);
    this.heads.clear();
    this.stopped = false;
    this.subscription = this.store.subscribeAll({ fromPosition: this.processed });
    this.loop = this.run(this.subscription).catch((error) => {
      if (!this.stopped) this.logger.error(`stopped: ${(error as Error).stack}`);
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.subscription?.close();
    await this.loop;
  }

  async waitFor(position: number | undefined, timeoutMs = 5_000): Promise<void> {
    if (!position || this.processed >= position) return;
    await new Promise<void>((resolve, reject) => {
      const waiter = { position, resolve: () => (clearTimeout(timer), resolve()) };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new DomainError('READ_MODEL.NOT_CAUGHT_UP', `the audit log has not reached position ${position} yet`, 503));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private async run(subscription: Subscription): Promise<void> {
    const iterator = subscription[Symbol.asyncIterator]();
    const batchSize = this.options.batchSize ?? 500;
    let batch: SubscribedEvent[] = [];
    let next = iterator.next();
    while (!this.stopped) {
      let timer: NodeJS.Timeout | undefined;
      const result = batch.length
        ? await Promise.race([next, new Promise<'idle'>((r) => (timer = setTimeout(() => r('idle'), IDLE_FLUSH_MS)))])
        : await next;
      clearTimeout(timer);
      if (result === 'idle') {
        if (batch.at(-1)!.lastInCommit) batch = await this.flush(batch);
        continue;
      }
      if (result.done) break;
      next = iterator.next();
      batch.push(result.value);
      if (batch.length >= batchSize && result.value.lastInCommit) batch = await this.flush(batch);
    }
  }

  private async flush(batch: SubscribedEvent[]): Promise<SubscribedEvent[]> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.apply(batch);
        return [];
      } catch (error) {
        if (this.options.failFast) {
          this.failure = error as Error;
          this.stopped = true;
          this.waiters.forEach((w) => w.resolve());
          throw error;
        }
        // A failed write may have stored a prefix: forget the heads and read them again.
        this.heads.clear();
        const delay = Math.min(5_000, 100 * 2 ** attempt);
        this.logger.warn(`batch failed (${(error as Error).message}); retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
    return [];
  }

  private async apply(batch: SubscribedEvent[]): Promise<void> {
    const drafts = new Map<string, AuditDraft>();
    for (const { event, position } of batch) {
      if (position <= this.processed) continue;
      const draft = recordFromEvent(event, position);
      if (draft && !drafts.has(draft._id)) drafts.set(draft._id, draft);
    }
    if (drafts.size) await this.write([...drafts.values()]);
    const last = batch.at(-1)!.position;
    await this.checkpoints.save(this.checkpointId, last);
    this.processed = Math.max(this.processed, last);
    const ready = this.waiters.filter((w) => w.position <= this.processed);
    this.waiters = this.waiters.filter((w) => w.position > this.processed);
    ready.forEach((w) => w.resolve());
    this.options.onBatch?.(this.processed, batch.length);
  }

  private async write(drafts: AuditDraft[]): Promise<void> {
    const collection = this.db.collection<AuditRecord>(this.collectionName);
    const stored = new Set(
      (await collection.find({ _id: { $in: drafts.map((d) => d._id) } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id),
    );
    const records: AuditRecord[] = [];
    for (const draft of drafts) {
      if (stored.has(draft._id)) continue;
      const record = link(draft, await this.head(draft.org_key));
      this.heads.set(draft.org_key, { seq: record.seq, hash: record.hash });
      const pruned = this.options.prunedThrough?.get(record.org_key) ?? 0;
      if (record.seq > pruned) records.push(record);
    }
    for (let i = 0; i < records.length; i += WRITE_CHUNK) {
      await collection.insertMany(records.slice(i, i + WRITE_CHUNK), { ordered: true });
    }
  }

  private async head(orgKey: string): Promise<ChainHead | undefined> {
    const cached = this.heads.get(orgKey);
    if (cached) return cached;
    const last = await this.db
      .collection<AuditRecord>(this.collectionName)
      .find({ org_key: orgKey }, { projection: { seq: 1, hash: 1 } })
      .sort({ seq: -1 })
      .limit(1)
      .toArray();
    const fromRecords = last[0] ? { seq: last[0].seq, hash: last[0].hash } : undefined;
    const fromCheckpoint = await this.db.collection<{ org_key: string; seq: number; hash: string }>(`${this.collectionName}_checkpoints`).findOne({ org_key: orgKey });
    // After pruning every record of a chain, the signed checkpoint is where it continues.
    const head = fromRecords && (!fromCheckpoint || fromRecords.seq >= fromCheckpoint.seq) ? fromRecords : fromCheckpoint ? { seq: fromCheckpoint.seq, hash: fromCheckpoint.hash } : undefined;
    if (head) this.heads.set(orgKey, head);
    return head;
  }
}

/** Indexes for the audit queries: organisation and time first, then the common filters. */
export async function ensureAuditIndexes(db: Connection, collection = AUDIT_COLLECTION): Promise<void> {
  const c = db.collection(collection);
  await c.createIndex({ org_key: 1, seq: 1 }, { unique: true, name: 'chain' });
  await c.createIndex({ organisation_id: 1, timestamp: -1 }, { name: 'org_time' });
  for (const field of ['user_id', 'workspace_id', 'action', 'resource_type', 'request_id', 'client_ip', 'response_status_code', 'method']) {
    await c.createIndex({ organisation_id: 1, [field]: 1, timestamp: -1 }, { name: `org_${field}_time` });
  }
}
