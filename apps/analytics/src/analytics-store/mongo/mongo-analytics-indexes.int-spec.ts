import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectMongo, serverKind } from '#libs/read-models';
import { dockerAvailability } from '#libs/testing';
import type { AnalyticsFilter } from '../analytics-store.port.js';
import { FEEDBACK, INDEXES, LOGS, ROLLUPS } from './analytics-collections.js';
import { bucketDimensionQuery, feedbackQuery, rawLogQuery } from './mongo-filter.js';
import { MongoAnalyticsStore } from './mongo-analytics-store.js';

/**
 * On a real MongoDB, the declared indexes exist after open (twice: idempotent) and every query
 * shape the store sends is served by an index, as the server's own plan shows. Needs MongoDB: the
 * run's MONGO_URL when it is one, else a Docker engine (testcontainers); FerretDB 1.x reports no
 * index use at all, so there the suite reports itself skipped with the reason.
 */
let url: string | undefined;
let skipReason: string | undefined;
let stopContainer: (() => Promise<unknown>) | undefined;
{
  const probe = await connectMongo(process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/', `probe_${randomUUID().slice(0, 8)}`).catch(() => undefined);
  const kind = probe ? await serverKind(probe) : undefined;
  await probe?.close();
  if (kind === 'mongodb') url = process.env.MONGO_URL;
  else {
    const docker = await dockerAvailability();
    if (docker.available) {
      const { GenericContainer, Wait } = await import('testcontainers');
      const container = await new GenericContainer('mongo:7').withExposedPorts(27017).withWaitStrategy(Wait.forLogMessage(/Waiting for connections/)).start();
      url = `mongodb://${container.getHost()}:${container.getMappedPort(27017)}/`;
      stopContainer = () => container.stop();
    } else {
      skipReason = `the run's database is ${kind ?? 'unreachable'} (it reports no index plans) and ${docker.reason}; no MongoDB can be started here`;
    }
  }
}
if (skipReason) process.stderr.write(`MongoDB analytics index plans: skipped: ${skipReason}\n`);

const stages = (plan: any): string[] => {
  const out: string[] = [];
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (node.stage) out.push(`${node.stage}${node.indexName ? `:${node.indexName}` : ''}`);
    for (const v of Object.values(node)) walk(v);
  };
  walk(plan?.queryPlanner?.winningPlan);
  return out;
};

const D0 = Date.parse('2026-11-01T00:00:00.000Z');
const f: AnalyticsFilter = { orgId: 'org', workspaceIds: ['ws-0', 'ws-1'], from: D0, to: D0 + 86_400_000 };
const rich: AnalyticsFilter = { ...f, statusCodes: [200, 429], aiOrgModels: [{ provider: 'openai', model: 'gpt-4o' }, { provider: 'groq', model: 'llama' }], metadata: { env: 'prod' }, cost: { min: 1 } };
const SHAPES: Array<[string, string, object]> = [
  ['raw logs by tenancy and time', LOGS, rawLogQuery(f)],
  ['raw logs with list, model-pair, metadata and range filters', LOGS, rawLogQuery(rich)],
  ['the trace-model join', LOGS, { orgId: 'org', workspaceId: 'ws-0', traceId: { $in: ['t1', 't2'] } }],
  ['the logs of an interrupted batch', LOGS, { b: 'batch-id' }],
  ['feedback graphs', FEEDBACK, feedbackQuery({ ...f, traceIds: ['t1'] })],
  ['feedback of a workspace for the weighted join', FEEDBACK, { orgId: 'org', workspaceId: { $in: ['ws-0'] } }],
  ...ROLLUPS.map((r): [string, string, object] => [`${r.unit} buckets with dimension filters`, r.collection, bucketDimensionQuery(rich, 't', f.from, f.to)]),
];

(skipReason ? describe.skip : describe)('mongo analytics store: declared indexes and the plans that use them', () => {
  let db: Connection;
  let store: MongoAnalyticsStore;
  beforeAll(async () => {
    const name = `analyticsidx_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
    db = await connectMongo(url!, name);
    store = new MongoAnalyticsStore(db);
    await store.open();
    await store.open();
  }, 120_000);
  afterAll(async () => {
    await db?.dropDatabase();
    await db?.close();
    await stopContainer?.();
  });

  it('every declared index exists after opening twice', async () => {
    for (const [collection, declared] of Object.entries(INDEXES)) {
      const existing = await db.collection(collection).indexes();
      for (const d of declared) expect({ collection, name: d.name, key: existing.find((i) => i.name === d.name)?.key }).toEqual({ collection, name: d.name, key: d.key });
    }
  });

  it.each(SHAPES)('%s is served by an index', async (_, collection, query) => {
    const plan = stages(await db.collection(collection).find(query).explain('queryPlanner'));
    expect({ query, indexed: plan.some((s) => s.startsWith('IXSCAN')), collscan: plan.includes('COLLSCAN') }).toEqual({ query, indexed: true, collscan: false });
  });
});
