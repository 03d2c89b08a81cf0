import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { READ_MODELS } from '#libs/projections';
import { dockerAvailability } from '#libs/testing';
import { connectMongo, MongoEngine, serverKind, type MongoCollection, type ProjectionDefinition } from '../src/index.js';

/**
 * On a real MongoDB, every declared index exists after start (idempotently) and every query shape
 * the read models use is served by its index, as the server's own plan shows. Needs MongoDB: the
 * MONGO_URL of the run when it is one, else a Docker engine (testcontainers); FerretDB reports no
 * index use at all, so there the suite reports itself skipped with the reason.
 */
const PROJECTIONS = [...new Map(Object.values(READ_MODELS).flat().map((p) => [p.name, p as ProjectionDefinition<any>])).values()].filter((p) => p.indexes);

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
if (skipReason) process.stderr.write(`MongoDB index plans: skipped: ${skipReason}\n`);

const plannedStages = (plan: unknown): string[] => {
  const out: string[] = [];
  const walk = (node: any) => {
    if (!node || typeof node !== 'object') return;
    if (node.stage) out.push(`${node.stage}${node.indexName ? `:${node.indexName}` : ''}`);
    for (const v of Object.values(node)) walk(v);
  };
  walk((plan as { queryPlanner?: { winningPlan?: unknown } }).queryPlanner?.winningPlan);
  return out;
};

(skipReason ? describe.skip : describe)('MongoDB engine: declared indexes and the plans that use them', () => {
  let db: Connection;
  beforeAll(async () => {
    db = await connectMongo(url!, `indexes_${randomUUID().replace(/-/g, '').slice(0, 8)}`);
  }, 120_000);
  afterAll(async () => {
    await db?.dropDatabase();
    await db?.close();
    await stopContainer?.();
  });

  it.each(PROJECTIONS.map((p) => [p.name, p] as const))('%s: indexes created idempotently, every query shape served by its index', async (_, projection) => {
    const engine = new MongoEngine(db, await serverKind(db));
    const storage = engine.storageFor(projection);
    await storage.open();
    await storage.open();
    const indexes = await db.collection(projection.collection).indexes();
    for (const [name, fields] of Object.entries(projection.indexes!)) {
      expect(indexes.find((i) => i.name === name)?.key).toEqual(Object.fromEntries([...fields, '_id'].map((f) => [f, 1])));
      const collection = storage.collection as MongoCollection;
      for (let prefix = 0; prefix <= fields.length; prefix++) {
        const eq = Object.fromEntries(fields.slice(0, prefix).map((f) => [f, 'x']));
        for (const reverse of [false, true]) {
          const stages = plannedStages(await collection.explain(name, { eq, limit: 10, reverse }));
          expect({ name, prefix, reverse, indexed: stages.includes(`IXSCAN:${name}`), collscan: stages.includes('COLLSCAN') }).toEqual({ name, prefix, reverse, indexed: true, collscan: false });
        }
      }
    }
  });
});
