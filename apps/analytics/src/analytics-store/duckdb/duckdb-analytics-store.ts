import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { AggregateQuery, AggregateResult, AnalyticsFeedback, AnalyticsLog, AnalyticsStore } from '../analytics-store.port.js';
import { appendFeedback, appendLog } from './duckdb-append.js';
import { toSql } from './duckdb-query.js';
import { toResult } from './duckdb-rows.js';
import { ADD_TO_ROLLUP, CREATE_ROLLUP } from './duckdb-rollup.js';
import { ADD_SAVED_CENTS, CREATE_TABLES, HAS_SAVED_CENTS, LOG_COLUMNS, STAGE_FEEDBACK, STAGE_LOGS } from './duckdb-schema.js';

export interface DuckDbOptions {
  /** DuckDB's buffer pool cap (e.g. '256MB'); its default is 80% of the machine's memory. */
  memoryLimit?: string;
  threads?: number;
  /** Any other DuckDB setting (e.g. `checkpoint_threshold`). */
  config?: Record<string, string>;
}

const COLUMNS = LOG_COLUMNS.join(', ');
const STAGED = LOG_COLUMNS.map((c) => (c === 'metadata' ? 'CAST(CAST(metadata AS JSON) AS MAP(VARCHAR, VARCHAR)) AS metadata' : c)).join(', ');

/** One statement at a time per connection: node-api must not interleave a transaction with another caller's statements. */
class Serial {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn, fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}

/**
 * The embedded analytics store: one DuckDB file per analytics replica (`:memory:` in tests).
 * Writes (ingestion, feedback) go through one connection, one transaction each with the
 * checkpoint or position; queries through another, so a long aggregate never holds up ingestion
 * (DuckDB's MVCC gives each query a consistent snapshot).
 */
export class DuckDbAnalyticsStore implements AnalyticsStore {
  readonly name = 'duckdb';
  readonly percentileRelativeError = 0;
  private instance: DuckDBInstance | null = null;
  private writer: DuckDBConnection | null = null;
  private reader: DuckDBConnection | null = null;
  private readonly writes = new Serial();
  private readonly reads = new Serial();

  constructor(
    readonly path: string,
    private readonly options: DuckDbOptions = {},
  ) {}

  async open(): Promise<void> {
    if (this.instance) return;
    if (this.path !== ':memory:') mkdirSync(dirname(this.path), { recursive: true });
    // DuckDB checkpoints the WAL into the file past 16 MB by default, i.e. every few ingestion batches,
    // and that rewrite grew to dominate ingestion (1 s a batch at 600k logs). Past 64 MB it costs a sixth of
    // that; much larger (256 MB) saves little more and keeps that much uncompressed data in memory.
    const config: Record<string, string> = { checkpoint_threshold: '64MB', ...this.options.config };
    if (this.options.memoryLimit) config.memory_limit = this.options.memoryLimit;
    if (this.options.threads) config.threads = String(this.options.threads);
    this.instance = await DuckDBInstance.create(this.path, config);
    this.writer = await this.instance.connect();
    this.reader = await this.instance.connect();
    for (const sql of CREATE_TABLES) await this.writer.run(sql);
    await this.writer.run(CREATE_ROLLUP);
    if (Number((await this.writer.runAndReadAll(HAS_SAVED_CENTS)).getRows()[0]?.[0]) === 0) {
      // Older file: its hourly savings summed cost_cents; rebuilt below from the new column (0 for its logs).
      await this.writer.run(ADD_SAVED_CENTS);
      await this.writer.run('DELETE FROM hourly');
    }
    // A file written before the rollup existed: build it once from the stored logs.
    const missing = (await this.writer.runAndReadAll('SELECT (SELECT count(*) FROM hourly) = 0 AND (SELECT count(*) FROM logs) > 0')).getRows()[0]?.[0];
    if (missing) await this.writer.run(ADD_TO_ROLLUP('logs'));
  }

  async close(): Promise<void> {
    await this.writes.run(async () => undefined);
    await this.reads.run(async () => undefined);
    this.reader?.closeSync();
    this.writer?.closeSync();
    this.instance?.closeSync();
    this.instance = this.writer = this.reader = null;
  }

  checkpoint(): Promise<number> {
    return this.scalar('SELECT log_checkpoint FROM state').then((v) => v ?? 0);
  }

  feedbackPosition(): Promise<number> {
    return this.scalar('SELECT feedback_position FROM state').then((v) => v ?? 0);
  }

  newestAt(): Promise<number | null> {
    return this.scalar('SELECT max(at_ms) FROM logs');
  }

  ingestLogs(logs: AnalyticsLog[]): Promise<void> {
    if (!logs.length) return Promise.resolve();
    return this.writes.run(async () => {
      const db = this.connection('writer');
      await db.run(STAGE_LOGS);
      const appender = await db.createAppender('logs_in', 'main', 'temp');
      logs.forEach((l, n) => appendLog(appender, n, l));
      appender.closeSync();
      // A batch with repeated ids (rare: a republished record) keeps its first copy; the window is skipped otherwise.
      const once = new Set(logs.map((l) => l.id)).size === logs.length ? '' : ' QUALIFY row_number() OVER (PARTITION BY id ORDER BY n) = 1';
      await this.transaction(db, async () => {
        // Only ids not stored yet (an anti join: the batch is hashed, the stored ids scanned once): a replayed batch adds nothing.
        await db.run(`CREATE OR REPLACE TEMP TABLE logs_new AS SELECT ${STAGED} FROM (SELECT * FROM logs_in ANTI JOIN logs USING (id)) s${once}`);
        await db.run(`INSERT INTO logs (${COLUMNS}) SELECT ${COLUMNS} FROM logs_new`);
        // The hourly totals gain exactly the logs this transaction adds.
        await db.run(ADD_TO_ROLLUP('logs_new'));
        await db.run('UPDATE state SET log_checkpoint = greatest(log_checkpoint, (SELECT max(seq) FROM logs_in))');
      });
    });
  }

  upsertFeedback(feedback: AnalyticsFeedback[], position: number): Promise<void> {
    return this.writes.run(async () => {
      const db = this.connection('writer');
      await db.run(STAGE_FEEDBACK);
      const appender = await db.createAppender('feedback_in', 'main', 'temp');
      feedback.forEach((f, n) => appendFeedback(appender, n, f));
      appender.closeSync();
      await this.transaction(db, async () => {
        // An update replaces the stored feedback; within a batch the last copy wins.
        await db.run('DELETE FROM feedback WHERE id IN (SELECT id FROM feedback_in)');
        await db.run('INSERT INTO feedback SELECT id, org_id, workspace_id, trace_id, value, weight, at_ms FROM (SELECT DISTINCT ON (id) * FROM feedback_in ORDER BY id, n DESC)');
        await db.run('UPDATE state SET feedback_position = $1', [BigInt(Math.floor(position))]);
      });
    });
  }

  aggregate(query: AggregateQuery): Promise<AggregateResult> {
    const sql = toSql(query);
    return this.reads.run(async () => {
      const reader = await this.connection('reader').runAndReadAll(sql.text, sql.params);
      return toResult(query, sql.measures, reader.getRowObjectsJS() as Array<Record<string, unknown>>);
    });
  }

  clear(): Promise<void> {
    return this.writes.run(async () => {
      const db = this.connection('writer');
      await this.transaction(db, async () => {
        await db.run('DELETE FROM logs');
        await db.run('DELETE FROM hourly');
        await db.run('DELETE FROM feedback');
        await db.run('UPDATE state SET log_checkpoint = 0, feedback_position = 0');
      });
      if (this.path !== ':memory:') await db.run('CHECKPOINT');
    });
  }

  /** After a checkpoint, so the figure is the compressed file rather than up to 64 MB of raw WAL (bench only). */
  async sizeBytes(): Promise<number | null> {
    if (this.path === ':memory:') return null;
    await this.writes.run(() => this.connection('writer').run('CHECKPOINT'));
    const size = (p: string) => (existsSync(p) ? statSync(p).size : 0);
    return size(this.path) + size(`${this.path}.wal`);
  }

  private async transaction(db: DuckDBConnection, body: () => Promise<void>): Promise<void> {
    await db.run('BEGIN TRANSACTION');
    try {
      await body();
      await db.run('COMMIT');
    } catch (error) {
      await db.run('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private scalar(sql: string): Promise<number | null> {
    return this.reads.run(async () => {
      const rows = (await this.connection('reader').runAndReadAll(sql)).getRows();
      const v = rows[0]?.[0];
      return v === null || v === undefined ? null : Number(v);
    });
  }

  private connection(which: 'writer' | 'reader'): DuckDBConnection {
    const c = this[which];
    if (!c) throw new Error('the DuckDB analytics store is not open');
    return c;
  }
}
