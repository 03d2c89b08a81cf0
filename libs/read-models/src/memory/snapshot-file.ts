import { createReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { DeadLetter } from '../runner/dead-letter.js';

export interface SnapshotHeader {
  format: 1;
  projection: string;
  fingerprint: string;
  position: number;
  count: number;
  deadLetters: DeadLetter[];
  writtenAt: string;
}

const LINES_PER_WRITE = 1_000;

/**
 * Writes a snapshot as JSON lines (a header, then one document per line) to a temporary file,
 * fsyncs and renames it into place: a crash leaves the previous snapshot whole. The event loop is
 * given back between chunks, so a large snapshot does not stall requests.
 */
export async function writeSnapshot(path: string, header: SnapshotHeader, docs: readonly object[]): Promise<number> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const file = await open(tmp, 'w', 0o600);
  try {
    await file.write(`${JSON.stringify(header)}\n`);
    for (let i = 0; i < docs.length; i += LINES_PER_WRITE) {
      await file.write(`${docs.slice(i, i + LINES_PER_WRITE).map((d) => JSON.stringify(d)).join('\n')}\n`);
      await new Promise((r) => setImmediate(r));
    }
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(tmp, path);
  return (await stat(path)).size;
}

/** Reads a snapshot; null when there is none or it is unreadable (the caller rebuilds). */
export async function readSnapshot<Doc>(path: string, onDoc: (doc: Doc) => void): Promise<SnapshotHeader | null> {
  try {
    await stat(path);
  } catch {
    return null;
  }
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let header: SnapshotHeader | null = null;
  let count = 0;
  for await (const line of lines) {
    if (!line) continue;
    if (!header) {
      header = JSON.parse(line) as SnapshotHeader;
      if (header.format !== 1) return null;
      continue;
    }
    onDoc(JSON.parse(line) as Doc);
    count++;
  }
  // A truncated file (a disk filled up under an older version) is not trusted.
  return header && count === header.count ? header : null;
}

export async function removeSnapshot(path: string): Promise<void> {
  await rm(path, { force: true });
}
