import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AnalyticsLog } from './analytics-store.port.js';
import { decodeLog } from './decode-log.js';

/**
 * The records `LOGS` no longer holds (its retention, 30 days by default, dropped them), read from
 * this replica's log file (`logs/log-store.ts`: one `{seq, log}` line per record, kept for good):
 * batches of the lines with `after < seq < before`. A torn or unreadable line is skipped.
 */
export async function* logFileBatches(path: string, after: number, before: number, batchSize = 1_000): AsyncGenerator<AnalyticsLog[]> {
  if (!existsSync(path)) return;
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let batch: AnalyticsLog[] = [];
  for await (const line of lines) {
    const seq = seqOf(line);
    if (seq === null || seq <= after || seq >= before) continue;
    const log = decodeLog(seq, JSON.stringify((JSON.parse(line) as { log: unknown }).log));
    if (!log) continue;
    batch.push(log);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

function seqOf(line: string): number | null {
  try {
    const seq = (JSON.parse(line) as { seq?: unknown }).seq;
    return typeof seq === 'number' && Number.isFinite(seq) ? seq : null;
  } catch {
    return null;
  }
}
