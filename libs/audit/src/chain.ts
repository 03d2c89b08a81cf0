import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AGGREGATE_FIELDS, CANONICAL_FIELDS, type AuditDraft, type AuditRecord } from './audit-record.js';

/**
 * The canonical form of a record: a JSON array of `[field, value]` pairs in CANONICAL_FIELDS
 * order, missing values as null. No whitespace, no key-order ambiguity, stable across runtimes.
 */
export function canonical(record: Omit<AuditRecord, 'prev_hash' | 'hash' | '_id'>): string {
  const r = record as unknown as Record<string, unknown>;
  const pairs: Array<[string, unknown]> = CANONICAL_FIELDS.map((field) => [field, r[field] ?? null]);
  // Aggregated denials add their count and times; other records hash exactly as before.
  if (r.count !== undefined && r.count !== null) for (const field of AGGREGATE_FIELDS) pairs.push([field, r[field] ?? null]);
  return JSON.stringify(pairs);
}

/** hash = SHA-256(prev_hash ‖ "\n" ‖ canonical(record)), hex. The first record's prev_hash is "". */
export function chainHash(prevHash: string, record: Omit<AuditRecord, 'prev_hash' | 'hash' | '_id'>): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonical(record)).digest('hex');
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/** Appends a draft to a chain: the next sequence number, the previous hash, its own hash. */
export function link(draft: AuditDraft, head: ChainHead | undefined): AuditRecord {
  const seq = (head?.seq ?? 0) + 1;
  const prev = head?.hash ?? '';
  const withSeq = { ...draft, seq };
  return { ...withSeq, prev_hash: prev, hash: chainHash(prev, withSeq) };
}

/** A signed statement "the chain of `orgKey` reached `seq` with `hash`": pruning keeps verification. */
export interface ChainCheckpoint {
  _id: string;
  org_key: string;
  seq: number;
  hash: string;
  /** Timestamp of the newest pruned record. */
  through: string;
  archive: string;
  signature: string;
}

export function signCheckpoint(key: string, c: Omit<ChainCheckpoint, 'signature' | '_id'>): string {
  return createHmac('sha256', key).update(`${c.org_key}|${c.seq}|${c.hash}|${c.through}|${c.archive}`).digest('hex');
}

export function checkpointValid(key: string, c: ChainCheckpoint): boolean {
  const expected = Buffer.from(signCheckpoint(key, c), 'hex');
  const actual = Buffer.from(c.signature, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
