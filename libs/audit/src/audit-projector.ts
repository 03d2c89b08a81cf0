import { Logger } from '@nestjs/common';
import type { Connection } from 'mongoose';
import type { EventStore, SubscribedEvent } from '#libs/event-store';
import { CheckpointStore, followFeed, PositionWaiters, type FeedFollower } from '#libs/read-models';
import type { AuditDraft, AuditRecord } from './audit-record.js';
import { link, type ChainHead } from './chain.js';
import { recordFromEvent } from './record-from-event.js';

export const AUDIT_COLLECTION = 'audit_logs';
const WRITE_CHUNK = 50;
/** Recorded request ids remembered to skip the later events of one request. */
const RECENT_LIMIT = 100_000;
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
  private follower?: FeedFollower;
  private stopped = true;
  private readonly progress = new PositionWaiters('the audit log');
  private heads = new Map<string, ChainHead>();
  private recent = new Map<string, true>();
  /** Set when a fail-fast projector gave up. */
  failure?: Error;
  /** The last write error while a batch is being retried (health reports it). */
  lastError: string | null = null;
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
    return this.progress.position;
  }

  private get processed(): number {
    return this.progress.position;
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    await ensureAuditIndexes(this.db, this.collectionName);
    this.progress.reset(await this.checkpoints.load(this.checkpointId));
    await this.loadHeads();
    this.stopped = false;
    this.follower = followFeed({
      name: 'audit-projector',
      store: this.store,
      position: () => this.processed,
      batchSize: this.options.batchSize ?? 500,
      idleMs: IDLE_FLUSH_MS,
      stopped: () => this.stopped,
      // A fail-fast replay throws from here and stops (`stopped` is set): the follower ends with it.
      flush: (batch) => this.flush(batch),
      onTrouble: (message) => {
        if (message) this.lastError = message;
      },
    });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.follower?.stop();
  }

  /** Links in each organisation's chain so far (`-` is the chain of requests no organisation could be named for). */
  chainLengths(): Array<{ organisation: string; length: number }> {
    return [...this.heads].map(([organisation, head]) => ({ organisation, length: head.seq }));
  }

  waitFor(position: number | undefined, timeoutMs = 5_000): Promise<void> {
    return this.progress.waitFor(position, timeoutMs);
  }

  private async flush(batch: SubscribedEvent[]): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      try {
        await this.apply(batch);
        this.lastError = null;
        return;
      } catch (error) {
        this.lastError = (error as Error).message;
        if (this.options.failFast) {
          this.failure = error as Error;
          this.stopped = true;
          this.progress.releaseAll();
          throw error;
        }
        // A failed write may have stored a prefix: read the heads again before retrying.
        await this.loadHeads().catch(() => undefined);
        const delay = Math.min(5_000, 100 * 2 ** attempt);
        this.logger.warn(`batch failed (${(error as Error).message}); retrying in ${delay} ms`);
        await new Promise((r) => setTimeout(r, delay));
      }
    }
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
    this.progress.advance(last);
    this.options.onBatch?.(this.processed, batch.length);
  }

  /**
   * Writes without reading in the steady state: chain heads live in memory (persisted per
   * organisation after each batch) and recently recorded requests are remembered, so no batch
   * queries the (possibly huge) record collection. After a crash the unique indexes catch a
   * record written twice or a stale head; the batch then re-reads what it must and links again.
   */
  private async write(drafts: AuditDraft[]): Promise<void> {
    const collection = this.db.collection<AuditRecord>(this.collectionName);
    let pending = drafts.filter((d) => !this.recent.has(d._id));
    for (let attempt = 0; pending.length; attempt++) {
      const heads = new Map(this.heads);
      const records: AuditRecord[] = [];
      const written: AuditRecord[] = [];
      for (const draft of pending) {
        const record = link(draft, heads.get(draft.org_key));
        heads.set(draft.org_key, { seq: record.seq, hash: record.hash });
        written.push(record);
        if (record.seq > (this.options.prunedThrough?.get(record.org_key) ?? 0)) records.push(record);
      }
      try {
        for (let i = 0; i < records.length; i += WRITE_CHUNK) await collection.insertMany(records.slice(i, i + WRITE_CHUNK), { ordered: true });
      } catch (error) {
        if (!isDuplicate(error) || attempt >= 3) throw error;
        // A record of this batch already exists, or a head is stale (a crash between writes).
        pending = await this.repair(pending);
        continue;
      }
      this.heads = heads;
      for (const record of written) this.remember(record._id);
      await this.saveHeads(new Set(written.map((r) => r.org_key)));
      return;
    }
  }

  private async repair(drafts: AuditDraft[]): Promise<AuditDraft[]> {
    const collection = this.db.collection<AuditRecord>(this.collectionName);
    const existing = new Set((await collection.find({ _id: { $in: drafts.map((d) => d._id) } }, { projection: { _id: 1 } }).toArray()).map((d) => d._id));
    for (const id of existing) this.remember(id);
    for (const orgKey of new Set(drafts.map((d) => d.org_key))) {
      const head = await this.storedHead(orgKey);
      if (head) this.heads.set(orgKey, head);
      else this.heads.delete(orgKey);
    }
    return drafts.filter((d) => !existing.has(d._id));
  }

  private remember(id: string): void {
    this.recent.set(id, true);
    if (this.recent.size > RECENT_LIMIT) this.recent.delete(this.recent.keys().next().value!);
  }

  private async saveHeads(orgKeys: Set<string>): Promise<void> {
    const heads = this.db.collection<{ _id: string; seq: number; hash: string }>(`${this.collectionName}_heads`);
    for (const orgKey of orgKeys) {
      const head = this.heads.get(orgKey)!;
      await heads.updateOne({ _id: orgKey }, { $set: { seq: head.seq, hash: head.hash } }, { upsert: true });
    }
  }

  /**
   * Start-up: heads as persisted (after each batch). Records a crash left written past them are
   * found by the unique indexes on the first conflicting write (`repair`), not by scanning the
   * record collection here: FerretDB would read all of it.
   */
  private async loadHeads(): Promise<void> {
    this.heads.clear();
    this.recent.clear();
    const pruned = await this.db.collection<{ org_key: string; seq: number; hash: string }>(`${this.collectionName}_checkpoints`).find().toArray();
    for (const c of pruned) this.heads.set(c.org_key, { seq: c.seq, hash: c.hash });
    for (const h of await this.db.collection<{ _id: string; seq: number; hash: string }>(`${this.collectionName}_heads`).find().toArray()) {
      if ((this.heads.get(h._id)?.seq ?? 0) <= h.seq) this.heads.set(h._id, { seq: h.seq, hash: h.hash });
    }
  }

  /** The newest stored link of a chain (or its retention checkpoint): only after a conflict. */
  private async storedHead(orgKey: string): Promise<ChainHead | undefined> {
    const last = await this.db
      .collection<AuditRecord>(this.collectionName)
      .find({ org_key: orgKey }, { projection: { seq: 1, hash: 1 } })
      .sort({ seq: -1 })
      .limit(1)
      .toArray();
    const checkpoint = await this.db.collection<{ org_key: string; seq: number; hash: string }>(`${this.collectionName}_checkpoints`).findOne({ org_key: orgKey });
    if (last[0] && (!checkpoint || last[0].seq >= checkpoint.seq)) return { seq: last[0].seq, hash: last[0].hash };
    return checkpoint ? { seq: checkpoint.seq, hash: checkpoint.hash } : undefined;
  }
}

function isDuplicate(error: unknown): boolean {
  const e = error as { code?: number; writeErrors?: Array<{ code?: number }> };
  return e?.code === 11000 || (e?.writeErrors ?? []).some((w) => w.code === 11000);
}

/** Indexes for the audit queries: organisation and time first, then the common filters. */
export async function ensureAuditIndexes(db: Connection, collection = AUDIT_COLLECTION): Promise<void> {
  const c = db.collection(collection);
  await c.createIndex({ org_key: 1, seq: 1 }, { unique: true, name: 'chain' });
  await c.createIndex({ position: 1 }, { name: 'position' });
  await c.createIndex({ organisation_id: 1, timestamp: -1 }, { name: 'org_time' });
  for (const field of ['user_id', 'workspace_id', 'action', 'resource_type', 'request_id', 'client_ip', 'response_status_code', 'method']) {
    await c.createIndex({ organisation_id: 1, [field]: 1, timestamp: -1 }, { name: `org_${field}_time` });
  }
}
