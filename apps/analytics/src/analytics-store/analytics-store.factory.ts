import { join } from 'node:path';
import type { PortcullisConfig } from '#libs/config';
import type { AnalyticsStore } from './analytics-store.port.js';
import { MemoryAnalyticsStore } from './memory-analytics-store.js';

export type AnalyticsEngine = 'duckdb' | 'mongo' | 'memory';

/** `auto` is the embedded DuckDB file: no server to run, and the fastest at scans of millions of rows. */
export const resolveAnalyticsEngine = (configured: PortcullisConfig['analyticsEngine']): AnalyticsEngine =>
  !configured || configured === 'auto' ? 'duckdb' : configured;

/** This replica's DuckDB file: each replica ingests the whole `LOGS` stream into its own copy. */
export const duckDbPath = (dataDir: string, replica: string) => join(dataDir, 'analytics', `analytics-${replica}.duckdb`);

/**
 * This replica's MongoDB database: a copy per replica like the DuckDB file, so each replica's
 * checkpoint and exactly-once ingestion stand alone (replicas never write the same buckets).
 */
export const mongoDbName = (dbPrefix: string, replica: string) => `${dbPrefix}analytics_store_${replica}`;

/** The configured analytics store, not yet opened (the ingest opens it). */
export async function createAnalyticsStore(config: PortcullisConfig, replica: string): Promise<AnalyticsStore> {
  const engine = resolveAnalyticsEngine(config.analyticsEngine);
  switch (engine) {
    case 'memory':
      return new MemoryAnalyticsStore();
    // Loaded on demand: a deployment on MongoDB never loads DuckDB's native library.
    case 'duckdb':
      return new (await import('./duckdb/duckdb-analytics-store.js')).DuckDbAnalyticsStore(duckDbPath(config.dataDir, replica));
    case 'mongo':
      return (await import('./mongo/mongo-analytics-store.js')).MongoAnalyticsStore.connect(config.mongoUrl, mongoDbName(config.dbPrefix, replica));
  }
}
