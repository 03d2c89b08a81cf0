import { describeAnalyticsStoreParity } from '../../../../../test/support/analytics-parity.js';
import { DuckDbAnalyticsStore } from './duckdb-analytics-store.js';

// The reconciliation test: 50,000 random logs (several workspaces, models, statuses,
// metadata, feedback) in a DuckDB file, every graph, group and summary of the parity set checked
// against the direct computation over the raw records.
describeAnalyticsStoreParity(
  'duckdb, 50,000 logs reconciled with the raw records',
  async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const store = new DuckDbAnalyticsStore(join(mkdtempSync(join(tmpdir(), 'portcullis-duckdb-recon-')), 'analytics.duckdb'));
    await store.open();
    return store;
  },
  { logs: 50_000, seed: 12, batch: 5_000 },
);
