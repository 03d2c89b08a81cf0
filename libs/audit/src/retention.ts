import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import type { Connection } from 'mongoose';
import type { AuditRecord } from './audit-record.js';
import { signCheckpoint, type ChainCheckpoint } from './chain.js';
import { AUDIT_COLLECTION } from './audit-projector.js';

export interface PruneReport {
  chains: number;
  archived: number;
  files: string[];
}

/**
 * Retention: records older than `cutoff` move to JSONL archives, one file per chain and run, and a
 * signed checkpoint of the last pruned link lets `audit verify` keep proving the rest. The archive
 * keeps every pruned record with its hash, so the pruned part can still be checked by hand.
 */
export async function pruneAuditLog(
  db: Connection,
  options: { cutoff: string; archiveDir: string; signingKey: string; collection?: string },
): Promise<PruneReport> {
  const name = options.collection ?? AUDIT_COLLECTION;
  const collection = db.collection<AuditRecord>(name);
  const checkpoints = db.collection<ChainCheckpoint>(`${name}_checkpoints`);
  mkdirSync(options.archiveDir, { recursive: true });
  const report: PruneReport = { chains: 0, archived: 0, files: [] };
  for (const orgKey of (await collection.distinct('org_key', { timestamp: { $lt: options.cutoff } })) as string[]) {
    // Prune a prefix of the chain only: the records up to the last one older than the cutoff.
    const lastOld = await collection.find({ org_key: orgKey, timestamp: { $lt: options.cutoff } }).sort({ seq: -1 }).limit(1).next();
    if (!lastOld) continue;
    const file = join(options.archiveDir, `audit-${orgKey === '-' ? 'unattributed' : orgKey}-${String(lastOld.seq).padStart(10, '0')}.jsonl`);
    const out = createWriteStream(file, { flags: 'wx', mode: 0o600 });
    let count = 0;
    for await (const record of collection.find({ org_key: orgKey, seq: { $lte: lastOld.seq } }).sort({ seq: 1 })) {
      if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
      count++;
    }
    const checkpoint = { org_key: orgKey, seq: lastOld.seq, hash: lastOld.hash, through: lastOld.timestamp, archive: file };
    out.write(`${JSON.stringify({ checkpoint: { ...checkpoint, signature: signCheckpoint(options.signingKey, checkpoint) } })}\n`);
    out.end();
    await once(out, 'finish');
    // The checkpoint is stored before anything is deleted: a crash in between only leaves records
    // that verification covers twice, never a gap.
    await checkpoints.updateOne(
      { _id: `chain:${orgKey}` },
      { $set: { ...checkpoint, signature: signCheckpoint(options.signingKey, checkpoint) } },
      { upsert: true },
    );
    await collection.deleteMany({ org_key: orgKey, seq: { $lte: lastOld.seq } });
    report.chains++;
    report.archived += count;
    report.files.push(file);
  }
  return report;
}
