import { closeSync, existsSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readSync, fstatSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { RequestLog } from '#libs/request-logs';

/** One line of the store: the LOGS stream sequence the record came with, and the record. */
interface StoredLine {
  seq: number;
  log: RequestLog;
}

interface Entry {
  offset: number;
  length: number;
  workspaceId: string;
  traceId: string;
}

/**
 * The analytics log store of one replica: an append-only JSONL file (one `{seq, log}` line per
 * record) and an in-memory index id → file offset rebuilt at start. The checkpoint is the largest
 * stream sequence in the file, so it can never disagree with what was written: a replica killed
 * mid-write loses at most the torn last line (cut off at start) and reads that record again from
 * the stream. A record whose id is already stored (the stream redelivered it, or a client
 * re-posted it) is skipped: every record is stored exactly once.
 */
export class LogStore {
  private readonly index = new Map<string, Entry>();
  private readonly byTrace = new Map<string, string[]>();
  private fd = -1;
  private size = 0;
  private lastSeq = 0;

  constructor(readonly path: string) {}

  /** Opens the file, cuts a torn last line, rebuilds the index; answers the checkpoint. */
  open(): number {
    mkdirSync(dirname(this.path), { recursive: true });
    this.fd = openSync(this.path, existsSync(this.path) ? 'r+' : 'w+');
    const total = fstatSync(this.fd).size;
    const chunk = Buffer.alloc(1 << 20);
    let carry = Buffer.alloc(0);
    let lineStart = 0;
    for (let pos = 0; pos < total; ) {
      const n = readSync(this.fd, chunk, 0, chunk.length, pos);
      if (n <= 0) break;
      pos += n;
      let buffer = Buffer.concat([carry, chunk.subarray(0, n)]);
      let from = 0;
      for (let nl = buffer.indexOf(10, from); nl !== -1; nl = buffer.indexOf(10, from)) {
        this.load(buffer.subarray(from, nl), lineStart);
        lineStart += nl - from + 1;
        from = nl + 1;
      }
      carry = Buffer.from(buffer.subarray(from));
      buffer = carry;
    }
    // Anything after the last newline is a write the process did not finish.
    if (lineStart < total) ftruncateSync(this.fd, lineStart);
    this.size = lineStart;
    return this.lastSeq;
  }

  private load(line: Buffer, offset: number): void {
    let parsed: StoredLine;
    try {
      parsed = JSON.parse(line.toString('utf8')) as StoredLine;
    } catch {
      return;
    }
    this.lastSeq = Math.max(this.lastSeq, parsed.seq);
    if (!this.index.has(parsed.log.id)) this.remember(parsed.log, offset, line.length);
  }

  private remember(log: RequestLog, offset: number, length: number): void {
    this.index.set(log.id, { offset, length, workspaceId: log.workspaceId, traceId: log.traceId });
    const ids = this.byTrace.get(log.traceId);
    if (ids) ids.push(log.id);
    else this.byTrace.set(log.traceId, [log.id]);
  }

  /** Appends a record taken from the stream at `seq`; false when its id is already stored. */
  append(seq: number, log: RequestLog): boolean {
    if (this.index.has(log.id)) {
      // Stored already (the stream redelivered it, or the same id was published twice): the
      // checkpoint moves in memory only; after a restart the copy is read and skipped again.
      this.lastSeq = Math.max(this.lastSeq, seq);
      return false;
    }
    this.write({ seq, log });
    return true;
  }

  private write(line: StoredLine): void {
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    writeSync(this.fd, bytes, 0, bytes.length, this.size);
    this.remember(line.log, this.size, bytes.length - 1);
    this.size += bytes.length;
    this.lastSeq = Math.max(this.lastSeq, line.seq);
  }

  get checkpoint(): number {
    return this.lastSeq;
  }

  get count(): number {
    return this.index.size;
  }

  get(id: string): RequestLog | null {
    const entry = this.index.get(id);
    if (!entry) return null;
    const buffer = Buffer.alloc(entry.length);
    readSync(this.fd, buffer, 0, entry.length, entry.offset);
    return (JSON.parse(buffer.toString('utf8')) as StoredLine).log;
  }

  /** Ids of the logs of a trace, in arrival order. */
  idsOfTrace(traceId: string): readonly string[] {
    return this.byTrace.get(traceId) ?? [];
  }

  /** Every stored record in arrival order (exports). */
  *scan(): Generator<RequestLog> {
    for (const id of this.index.keys()) {
      const log = this.get(id);
      if (log) yield log;
    }
  }

  flush(): void {
    if (this.fd >= 0) fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd < 0) return;
    closeSync(this.fd);
    this.fd = -1;
  }
}
