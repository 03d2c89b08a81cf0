import { createHash } from 'node:crypto';
import type { AuditRecord } from './audit-record.js';

/** Fields `GET /v1/audit-logs` filters on by exact match. */
export const INDEXED_FIELDS = [
  'method',
  'uri',
  'request_id',
  'user_id',
  'user_type',
  'workspace_id',
  'response_status_code',
  'resource_type',
  'action',
  'client_ip',
  'country',
] as const;
export type IndexedField = (typeof INDEXED_FIELDS)[number];

/** High-cardinality fields are kept as two independent 32-bit hashes instead of interned strings. */
const HASHED: ReadonlySet<IndexedField> = new Set(['uri', 'request_id']);

function fnv1a(text: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
const hashA = (v: unknown) => (v === null || v === undefined ? 0 : fnv1a(String(v), 0x811c9dc5) || 1);
const hashB = (v: unknown) => (v === null || v === undefined ? 0 : fnv1a(String(v), 0x01234567) || 1);

export interface IndexEntry {
  position: number;
  seq: number;
  hash: string;
  prevHash: string;
}

/** Strings of one field as small integers (0 = null), so filters compare integers. */
class Interner {
  private readonly ids = new Map<string, number>();
  id(value: unknown): number {
    if (value === null || value === undefined) return 0;
    const key = String(value);
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = this.ids.size + 1));
    return id;
  }
  find(value: unknown): number | undefined {
    return value === null || value === undefined ? 0 : this.ids.get(String(value));
  }
}

/** Growable typed column. */
class Column<T extends Float64Array | Uint32Array> {
  constructor(public data: T) {}
  ensure(size: number): void {
    if (size <= this.data.length) return;
    const next = new (this.data.constructor as new (n: number) => T)(Math.max(size, this.data.length * 2));
    next.set(this.data);
    this.data = next;
  }
}

/** One organisation's records, ordered by (timestamp, seq), column by column. */
class Chain {
  size = 0;
  readonly time = new Column(new Float64Array(1024));
  readonly position = new Column(new Float64Array(1024));
  readonly seq = new Column(new Uint32Array(1024));
  readonly fields = Object.fromEntries(INDEXED_FIELDS.map((f) => [f, new Column(new Uint32Array(1024))])) as Record<IndexedField, Column<Uint32Array>>;
  /** The second hash of the hashed fields (64 bits in all: collisions are out of reach). */
  readonly second = Object.fromEntries([...HASHED].map((f) => [f, new Column(new Uint32Array(1024))])) as Record<string, Column<Uint32Array>>;
  /** SHA-256 of link `seq` at bytes [(seq-1)*32, seq*32). */
  hashes = new Uint8Array(32 * 1024);

  private columns(): Array<Column<Float64Array> | Column<Uint32Array>> {
    return [this.time, this.position, this.seq, ...Object.values(this.fields), ...Object.values(this.second)];
  }

  add(time: number, position: number, seq: number, ids: Record<IndexedField, number>, second: Record<string, number>, hash: string): void {
    const n = this.size + 1;
    for (const column of this.columns()) column.ensure(n);
    // Records arrive in feed order, almost always in time order: find the slot from the end.
    let at = this.size;
    while (at > 0 && (this.time.data[at - 1]! > time || (this.time.data[at - 1] === time && this.seq.data[at - 1]! > seq))) at--;
    if (at < this.size) {
      for (const column of this.columns()) column.data.copyWithin(at + 1, at, this.size);
    }
    this.time.data[at] = time;
    this.position.data[at] = position;
    this.seq.data[at] = seq;
    for (const f of INDEXED_FIELDS) this.fields[f].data[at] = ids[f];
    for (const f of HASHED) this.second[f]!.data[at] = second[f]!;
    if (this.hashes.length < seq * 32) {
      const next = new Uint8Array(Math.max(seq * 32, this.hashes.length * 2));
      next.set(this.hashes);
      this.hashes = next;
    }
    this.hashes.set(Buffer.from(hash, 'hex'), (seq - 1) * 32);
    this.size = n;
  }

  hashOf(seq: number): string {
    return seq < 1 ? '' : Buffer.from(this.hashes.subarray((seq - 1) * 32, seq * 32)).toString('hex');
  }

  /** First index with time ≥ t. */
  lowerBound(t: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.time.data[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

export interface IndexQuery {
  fromMs: number;
  toMs: number;
  filters: Partial<Record<IndexedField, string | number>>;
  /** Records with this value are left out (interned fields only). */
  exclude?: Partial<Record<Exclude<IndexedField, 'uri' | 'request_id'>, string | number>>;
  skip: number;
  limit: number;
  /** Links at or below this sequence number were pruned by retention. */
  prunedThrough?: number;
}

/**
 * An in-memory index of the audit log for read-model servers without usable indexes (FerretDB
 * on SQLite scans whole tables, even for `_id`). About 130 bytes per record: filters become
 * integer comparisons over a binary-searched time window, and page records are then rebuilt
 * from their events (an O(1) read by position) plus the chain fields kept here.
 */
export class AuditIndex {
  private readonly chains = new Map<string, Chain>();
  private readonly interners = Object.fromEntries(INDEXED_FIELDS.map((f) => [f, new Interner()])) as Record<IndexedField, Interner>;
  private readonly seen = new Set<number>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Whether a record with this id is already indexed (52-bit digests: no strings kept). */
  has(id: string): boolean {
    return this.seen.has(digest(id));
  }

  add(record: AuditRecord): void {
    const key = digest(record._id);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    let chain = this.chains.get(record.org_key);
    if (!chain) this.chains.set(record.org_key, (chain = new Chain()));
    const ids = Object.fromEntries(INDEXED_FIELDS.map((f) => [f, HASHED.has(f) ? hashA(record[f]) : this.interners[f].id(record[f])])) as Record<IndexedField, number>;
    const second = Object.fromEntries([...HASHED].map((f) => [f, hashB(record[f])]));
    chain.add(Date.parse(record.timestamp), record.position, record.seq, ids, second, record.hash);
    this.count++;
  }

  query(orgKey: string, q: IndexQuery): { total: number; entries: IndexEntry[] } {
    const chain = this.chains.get(orgKey);
    if (!chain) return { total: 0, entries: [] };
    const wanted: Array<[Uint32Array, number]> = [];
    for (const [field, value] of Object.entries(q.filters) as Array<[IndexedField, string | number | undefined]>) {
      if (value === undefined) continue;
      if (HASHED.has(field)) {
        wanted.push([chain.fields[field].data, hashA(value)], [chain.second[field]!.data, hashB(value)]);
        continue;
      }
      const id = this.interners[field].find(value);
      if (id === undefined) return { total: 0, entries: [] };
      wanted.push([chain.fields[field].data, id]);
    }
    const unwanted: Array<[Uint32Array, number]> = [];
    for (const [field, value] of Object.entries(q.exclude ?? {}) as Array<[IndexedField, string | number | undefined]>) {
      const id = value === undefined ? undefined : this.interners[field].find(value);
      if (id !== undefined) unwanted.push([chain.fields[field].data, id]);
    }
    const lo = chain.lowerBound(q.fromMs);
    const hi = chain.lowerBound(q.toMs + 1);
    const pruned = q.prunedThrough ?? 0;
    const entries: IndexEntry[] = [];
    let total = 0;
    // Newest first.
    outer: for (let i = hi - 1; i >= lo; i--) {
      if (chain.seq.data[i]! <= pruned) continue;
      for (const [column, id] of wanted) if (column[i] !== id) continue outer;
      for (const [column, id] of unwanted) if (column[i] === id) continue outer;
      total++;
      if (total > q.skip && entries.length < q.limit) {
        const seq = chain.seq.data[i]!;
        entries.push({ position: chain.position.data[i]!, seq, hash: chain.hashOf(seq), prevHash: chain.hashOf(seq - 1) });
      }
    }
    return { total, entries };
  }
}

function digest(id: string): number {
  const b = createHash('sha256').update(id).digest();
  return b.readUIntBE(0, 6) * 32 + (b[6]! >> 3);
}
