import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { connectMongo } from '#libs/read-models';
import { requireEnv } from '#libs/testing';
import { describeAnalyticsStoreParity, expectSameAnswer, parityQueries } from '../../../../../test/support/analytics-parity.js';
import { randomAnalytics } from '../../../../../test/support/random-analytics.js';
import type { AggregateQuery, AnalyticsFilter, LogDimension } from '../analytics-store.port.js';
import { referenceAggregate } from '../reference-aggregate.js';
import { planAggregate } from './aggregate-plan.js';
import { bucketCollection, LOGS, STATE } from './analytics-collections.js';
import { bucketAppend, bucketUpsert, bucketsOfLogs, type BucketWrites } from './bucket-record.js';
import { writeIgnoringDuplicates } from './chunked-writes.js';
import { logDocument } from './analytics-documents.js';
import { MongoAnalyticsStore } from './mongo-analytics-store.js';

// Every store gets a fresh database; they are dropped when the file is done.
const databases: string[] = [];
const freshStore = async (bucketWrites?: BucketWrites) => {
  const name = `analytics_${randomUUID().replace(/-/g, '').slice(0, 10)}`;
  databases.push(name);
  const store = await MongoAnalyticsStore.connect(requireEnv('MONGO_URL'), name, { bucketWrites });
  await store.open();
  return store;
};
afterAll(async () => {
  const db = await connectMongo(requireEnv('MONGO_URL'), 'admin');
  for (const name of databases) await db.useDb(name).dropDatabase();
  await db.close();
});

// The server's default bucket writes (append on FerretDB, increment on MongoDB) on the full data;
// increment forced on a smaller set, since FerretDB scans its collection for every update.
describeAnalyticsStoreParity('mongo (buckets)', () => freshStore(), { logs: 3_000 });
describeAnalyticsStoreParity('mongo (buckets, $inc forced)', () => freshStore('increment'), { logs: 400, batch: 150 });

describe('the parity queries exercise both paths', () => {
  const paths = Object.fromEntries(parityQueries(randomAnalytics({ logs: 10, seed: 7 })).map(({ name, query }) => [name, planAggregate(query).path]));
  it.each([
    ['minute buckets over an hour', 'buckets'], ['status codes per day (errors stack)', 'buckets'], ['filter status codes', 'buckets'],
    ['filter cache statuses, summary', 'buckets'], ['filter ai org models', 'buckets'], ['filter cache statuses', 'buckets'],
    ['summary, every measure', 'raw'], ['group by user', 'raw'], ['filter configs', 'raw'], ['filter metadata', 'raw'], ['feedback by model of the trace', 'raw'],
  ])('%s → %s', (name, path) => expect(paths[name]).toBe(path));
});

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const BUCKET_GROUPS: LogDimension[] = ['model', 'aiProvider', 'aiOrgModel', 'statusCode', 'workspace'];

describe.each([
  ['append', 1_500],
  ['increment', 400],
] as const)('mongo analytics store (%s bucket writes): bucket-served graphs and an interrupted batch', (bucketWrites, count) => {
  const data = randomAnalytics({ logs: count, seed: 11 });
  const half = count / 2;
  let store: MongoAnalyticsStore;
  beforeAll(async () => {
    store = await freshStore(bucketWrites);
    const name = databases.at(-1)!;
    await store.ingestLogs(data.logs.slice(0, half));
    // A crash midway through the next batch: its raw logs stored (marked with the batch) and only the
    // day buckets incremented. Reopening finishes it; the replay after the checkpoint counts nothing twice.
    const db = await connectMongo(requireEnv('MONGO_URL'), name);
    const crashed = data.logs.slice(half, half + 100);
    await db.collection(STATE).updateOne({ _id: 'state' as never }, { $set: { pendingBatch: 'batch-crashed' } });
    for (let i = 0; i < crashed.length; i += 50) await db.collection(LOGS).insertMany(crashed.slice(i, i + 50).map((l) => logDocument(l, 'batch-crashed')) as never);
    const write = bucketWrites === 'increment' ? bucketUpsert : bucketAppend;
    await writeIgnoringDuplicates(db.db!.collection(bucketCollection('day')), [...bucketsOfLogs(crashed, DAY)].map(([id, r]) => write(id, r, 'batch-crashed')));
    await db.close();
    await store.close();
    store = await MongoAnalyticsStore.connect(requireEnv('MONGO_URL'), name, { bucketWrites });
    await store.open();
    // The consumer resumes after the checkpoint, so it replays the crashed batch with the rest.
    for (let i = half; i < data.logs.length; i += 150) await store.ingestLogs(data.logs.slice(i, i + 150));
    await store.upsertFeedback(data.feedback, 3);
  }, 600_000);
  afterAll(async () => store?.close());

  const all: AnalyticsFilter = { orgId: data.orgId, workspaceIds: data.workspaceIds, from: data.startMs, to: data.endMs };
  const measures: AggregateQuery['measures'] = ['requests', 'cost', 'tokens', 'promptTokens', 'completionTokens', 'latencyAvg', 'latencyP50', 'latencyP99', 'users', 'errors', 'cacheSimpleHits', 'cacheSemanticHits', 'cacheHitLatencyAvg', 'cacheMissLatencyAvg', 'cacheSimpleSavings', 'cacheSemanticSavings', 'retried', 'retrySucceeded', 'fallback', 'fallbackSucceeded', 'lastSeen'];
  const queries: Array<[string, AggregateQuery]> = [
    ['summary of every bucket measure', { source: 'logs', filter: all, measures }],
    ['summary over an unaligned range (buckets inside, raw edges)', { source: 'logs', filter: { ...all, from: all.from + 5 * HOUR + 7 * 60_000 + 13_000, to: all.to - 3 * HOUR - 41_000 }, measures }],
    ['hourly buckets by model over two workspaces', { source: 'logs', filter: { ...all, workspaceIds: data.workspaceIds.slice(0, 2) }, measures, bucket: { start: all.from, width: HOUR, count: 7 * 24 }, groupBy: 'model' }],
    ['six-hour buckets', { source: 'logs', filter: all, measures: ['requests', 'latencyP50', 'users'], bucket: { start: all.from, width: 6 * HOUR, count: 28 } }],
    ['daily buckets, status, cache and model filters', { source: 'logs', filter: { ...all, statusCodes: [200, 429, 500], cacheStatuses: ['MISS', 'HIT'], aiOrgModels: [{ provider: 'openai', model: 'gpt-4o' }, { provider: 'groq', model: 'llama-3.1-70b' }] }, measures, bucket: { start: all.from, width: DAY, count: 7 } }],
    ['groups ordered by last seen asc, page 2', { source: 'logs', filter: all, measures: ['requests', 'latencyP99'], groupBy: 'aiOrgModel', order: { measure: 'lastSeen', direction: 'asc' }, page: { index: 1, size: 2 } }],
    ['groups ordered by errors desc, page 1', { source: 'logs', filter: all, measures: ['requests', 'errors', 'users'], groupBy: 'statusCode', order: { measure: 'errors', direction: 'desc' }, page: { index: 0, size: 3 } }],
    ...BUCKET_GROUPS.map((g): [string, AggregateQuery] => [`group by ${g}`, { source: 'logs', filter: all, measures, groupBy: g }]),
  ];

  it('the checkpoint and the newest time count the interrupted batch once', async () => {
    expect(await store.checkpoint()).toBe(data.logs.length);
    expect(await store.newestAt()).toBe(Math.max(...data.logs.map((l) => l.at)));
  });

  it.each(queries)('answers like the reference from buckets: %s', async (name, query) => {
    expect(planAggregate(query).path).toBe('buckets');
    expectSameAnswer(await store.aggregate(query), referenceAggregate(data.logs, data.feedback, query), store.percentileRelativeError, name);
  }, 120_000);

  it('an updated feedback replaces the stored one (value, weight) and reports the new position', async () => {
    const changed = data.feedback.slice(0, 3).map((f) => ({ ...f, value: f.value + 1, weight: 0.5 }));
    await store.upsertFeedback(changed, 4);
    const feedback = [...changed, ...data.feedback.slice(3)];
    const query: AggregateQuery = { source: 'feedback', filter: all, measures: ['feedbacks', 'feedbackValueAvg', 'feedbackWeightedAvg'] };
    expectSameAnswer(await store.aggregate(query), referenceAggregate(data.logs, feedback, query), 0, 'updated feedback');
    expect(await store.feedbackPosition()).toBe(4);
  });

  it('reports its size on disk', async () => {
    expect(await store.sizeBytes()).toBeGreaterThan(0);
  });

  it('clear drops every log, bucket, feedback and position', async () => {
    await store.clear();
    expect([await store.checkpoint(), await store.feedbackPosition(), await store.newestAt()]).toEqual([0, 0, null]);
    expect((await store.aggregate(queries[0]![1])).rows).toEqual([]);
  });
});
