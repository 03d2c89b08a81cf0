import type { Connection } from 'mongoose';
import type { AuditRecord } from './audit-record.js';
import { chainHash, checkpointValid, type ChainCheckpoint } from './chain.js';
import { AUDIT_COLLECTION } from './audit-projector.js';

export interface BrokenLink {
  org_key: string;
  seq: number;
  id: string;
  reason: string;
}

export interface VerifyReport {
  ok: boolean;
  chains: number;
  records: number;
  firstBroken?: BrokenLink;
}

/**
 * Recomputes every chain: each record's hash from its predecessor's hash and its own canonical
 * form, with no gap in sequence numbers. A chain whose start was pruned begins at its signed
 * checkpoint. Stops at the first broken link.
 */
export async function verifyAuditChains(
  db: Connection,
  options: { collection?: string; signingKey: string; orgKey?: string; onProgress?: (records: number) => void },
): Promise<VerifyReport> {
  const collection = db.collection<AuditRecord>(options.collection ?? AUDIT_COLLECTION);
  const checkpoints = db.collection<ChainCheckpoint>(`${options.collection ?? AUDIT_COLLECTION}_checkpoints`);
  const orgKeys = options.orgKey ? [options.orgKey] : ((await collection.distinct('org_key')) as string[]);
  let records = 0;
  for (const orgKey of orgKeys.sort()) {
    const checkpoint = await checkpoints.findOne({ org_key: orgKey });
    if (checkpoint && !checkpointValid(options.signingKey, checkpoint)) {
      return { ok: false, chains: orgKeys.length, records, firstBroken: { org_key: orgKey, seq: checkpoint.seq, id: checkpoint._id, reason: 'the retention checkpoint signature does not match' } };
    }
    let expectedSeq = (checkpoint?.seq ?? 0) + 1;
    let prevHash = checkpoint?.hash ?? '';
    const cursor = collection.find({ org_key: orgKey, seq: { $gte: expectedSeq } }).sort({ seq: 1 });
    for await (const record of cursor) {
      records++;
      if (records % 1000 === 0) options.onProgress?.(records);
      const broken = (reason: string): VerifyReport => ({ ok: false, chains: orgKeys.length, records, firstBroken: { org_key: orgKey, seq: record.seq, id: record._id, reason } });
      if (record.seq !== expectedSeq) return broken(`sequence ${expectedSeq} is missing (found ${record.seq})`);
      if (record.prev_hash !== prevHash) return broken('prev_hash does not match the previous record');
      if (chainHash(prevHash, record) !== record.hash) return broken('the record does not match its hash (edited?)');
      prevHash = record.hash;
      expectedSeq++;
    }
  }
  options.onProgress?.(records);
  return { ok: true, chains: orgKeys.length, records };
}
