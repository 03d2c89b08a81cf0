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

/** The configured analytics store, not yet opened (the ingest opens it). */
export async function createAnalyticsStore(config: PortcullisConfig, replica: string): Promise<AnalyticsStore> {
  const engine = resolveAnalyticsEngine(config.analyticsEngine);
  switch (engine) {
    case 'memory':
      return new MemoryAnalyticsStore();
    case 'duckdb':
      // DuckDbAnalyticsStore (branch issue12-a) is not merged yet: unpersisted until it is.
      void duckDbPath(config.dataDir, replica);
      return new MemoryAnalyticsStore();
    case 'mongo':
      // MongoAnalyticsStore (branch issue12-b) is not merged yet.
      return new MemoryAnalyticsStore();
  }
}
