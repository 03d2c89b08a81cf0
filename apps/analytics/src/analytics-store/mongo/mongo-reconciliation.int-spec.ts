import { afterAll } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connectMongo, serverKind } from '#libs/read-models';
import { requireEnv } from '#libs/testing';
import { describeAnalyticsStoreParity } from '../../../../../test/support/analytics-parity.js';
import { MongoAnalyticsStore } from './mongo-analytics-store.js';

// The reconciliation test on the MongoDB adapter: the same 50,000 random logs as the DuckDB
// file's (same seed), every graph, group and summary of the parity set checked against the direct
// computation over the raw records. FerretDB 1.24 uses no index, so on it the default is 5,000 logs
// (50,000 took 714 s there, the trace-model join alone over 120 s); PORTCULLIS_MONGO_RECONCILE_LOGS
// sets the size either way.
const probe = await connectMongo(requireEnv('MONGO_URL'), 'admin');
const kind = await serverKind(probe);
await probe.close();
const LOGS = Number(process.env.PORTCULLIS_MONGO_RECONCILE_LOGS ?? (kind === 'mongodb' ? 50_000 : 5_000));
if (kind !== 'mongodb' && !process.env.PORTCULLIS_MONGO_RECONCILE_LOGS) process.stdout.write(`[mongo reconciliation] ${kind}: ${LOGS} logs (50,000 on a real MongoDB)\n`);
const name = `analytics_recon_${randomUUID().replace(/-/g, '').slice(0, 10)}`;

describeAnalyticsStoreParity(
  `mongo, ${LOGS.toLocaleString('en-US')} logs reconciled with the raw records`,
  async () => {
    const store = await MongoAnalyticsStore.connect(requireEnv('MONGO_URL'), name);
    await store.open();
    return store;
  },
  { logs: LOGS, seed: 12, batch: 5_000 },
);

afterAll(async () => {
  const db = await connectMongo(requireEnv('MONGO_URL'), 'admin');
  await db.useDb(name).dropDatabase();
  await db.close();
});
