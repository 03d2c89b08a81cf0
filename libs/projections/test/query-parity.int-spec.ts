import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { JetStreamEventStore } from '#libs/event-store';
import { requireEnv } from '#libs/testing';
import {
  compareScalars,
  connectMongo,
  matches,
  MemoryEngine,
  MongoEngine,
  ProjectorRunner,
  scalarOf,
  serverKind,
  type Equals,
  type Filter,
  type FindQuery,
  type ProjectedDocument,
  type ProjectionDefinition,
  type ReadCollection,
} from '#libs/read-models';
import { seedSyntheticConfigs } from '../../../test/support/synthetic-configs.js';
import { seedSyntheticOrg } from '../../../test/support/synthetic-org.js';
import { seedSyntheticPolicies } from '../../../test/support/synthetic-policies.js';
import { seedSyntheticAnalyticsEvents } from '../../../test/support/synthetic-analytics-events.js';
import { seedSyntheticPromptLibrary } from '../../../test/support/synthetic-prompts.js';
import { READ_MODELS } from '../src/index.js';

/** Every distinct projection the services run. */
const PROJECTIONS = [...new Map(Object.values(READ_MODELS).flat().map((p) => [p.name, p as ProjectionDefinition<any>])).values()];

/** What a query must answer, computed the slow, obvious way from every document. */
function reference(docs: ProjectedDocument[], fields: readonly string[], query: FindQuery): { total: number; ids: string[] } {
  const eq = query.eq ?? {};
  const order = fields.slice(Object.keys(eq).length);
  const hits = docs.filter((d) => {
    const doc = d as unknown as Record<string, unknown>;
    const r = query.range;
    const v = order[0] ? doc[order[0]] : undefined;
    const sample = r && (r.gte ?? r.gt ?? r.lte ?? r.lt);
    const inRange =
      !r ||
      (typeof v === typeof sample &&
        (r.gte === undefined || (v as string) >= (r.gte as string)) &&
        (r.gt === undefined || (v as string) > (r.gt as string)) &&
        (r.lte === undefined || (v as string) <= (r.lte as string)) &&
        (r.lt === undefined || (v as string) < (r.lt as string)));
    return inRange && Object.entries(eq).every(([f, x]) => (Array.isArray(x) ? x : [x]).some((y) => scalarOf(doc[f]) === (y ?? null))) && matches(doc, query.where);
  });
  hits.sort((a, b) => {
    for (const f of order) {
      const c = compareScalars(scalarOf((a as any)[f]), scalarOf((b as any)[f]));
      if (c) return c;
    }
    return a._id < b._id ? -1 : a._id > b._id ? 1 : 0;
  });
  if (query.reverse) hits.reverse();
  const skip = query.skip ?? 0;
  return { total: hits.length, ids: hits.slice(skip, skip + (query.limit ?? hits.length)).map((d) => d._id) };
}

/** Queries for one index: equality prefixes taken from real documents (with "any of"), filters, pages, both orders. */
function queriesFor(fields: readonly string[], docs: ProjectedDocument[]): FindQuery[] {
  const queries: FindQuery[] = [{}, { limit: 7 }, { skip: 3, limit: 5, reverse: true }];
  const sample = docs.filter((_, i) => i % Math.max(1, Math.floor(docs.length / 4)) === 0).slice(0, 4);
  for (let prefix = 1; prefix <= fields.length; prefix++) {
    for (const [i, doc] of sample.entries()) {
      const eq: Record<string, unknown> = {};
      for (const f of fields.slice(0, prefix)) eq[f] = scalarOf((doc as any)[f]);
      const last = fields[prefix - 1]!;
      const other = scalarOf((sample[(i + 1) % sample.length] as any)?.[last]);
      const anyOf = { ...eq, [last]: [eq[last], other] } as Equals;
      const where: Filter = { _id: { $ne: doc._id } };
      const next = fields[prefix];
      const bound = next ? scalarOf((doc as any)[next]) : null;
      if (typeof bound === 'string' || typeof bound === 'number') {
        queries.push({ eq: eq as Equals, range: { lte: bound }, limit: 6 }, { eq: eq as Equals, range: { gt: bound }, reverse: true, limit: 4 });
      }
      queries.push(
        { eq: eq as Equals },
        { eq: eq as Equals, skip: 1, limit: 3 },
        { eq: anyOf, limit: 4, reverse: i % 2 === 0 },
        { eq: eq as Equals, where, reverse: true, limit: 10 },
      );
    }
  }
  return queries;
}

describe('the same query suite answers identically on the memory and MongoDB engines', () => {
  const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
  let store: JetStreamEventStore;
  let db: Connection;
  const engines: Record<string, Map<string, ProjectorRunner>> = { memory: new Map(), mongo: new Map() };
  let head = 0;

  beforeAll(async () => {
    store = await JetStreamEventStore.connect({ servers: requireEnv('NATS_URL') }, { stream: `PARITY_${suffix}`, subjectPrefix: `parity${suffix}` });
    db = await connectMongo(requireEnv('MONGO_URL'), `parity_${suffix}`);
    for (const orgId of [randomUUID(), randomUUID()]) {
      const org = await seedSyntheticOrg(store, { orgId, workspaces: 5, members: 80, keys: 150, invites: 40, providers: 60, churn: true });
      await seedSyntheticConfigs(store, { orgId, workspaceIds: org.workspaceIds, configs: 60, guardrails: 24, churn: true });
      await seedSyntheticPromptLibrary(store, { orgId, workspaceIds: org.workspaceIds, churn: true });
      await seedSyntheticPolicies(store, { orgId, workspaceIds: org.workspaceIds, policies: 60, churn: true });
      await seedSyntheticAnalyticsEvents(store, { orgId, workspaceIds: org.workspaceIds, feedback: 60, exports: 30 });
    }
    head = await store.headPosition();
    const memory = new MemoryEngine();
    const mongo = new MongoEngine(db, await serverKind(db));
    for (const projection of PROJECTIONS) {
      for (const [name, engine] of [['memory', memory], ['mongo', mongo]] as const) {
        const runner = new ProjectorRunner(store, engine.storageFor(projection), projection);
        await runner.start();
        engines[name]!.set(projection.name, runner);
      }
    }
    for (const runners of Object.values(engines)) for (const r of runners.values()) await r.waitFor(head, 120_000);
  }, 300_000);
  afterAll(async () => {
    for (const runners of Object.values(engines)) for (const r of runners.values()) await r.stop();
    await db.dropDatabase();
    await db.close();
    await store.close();
  });

  it.each(PROJECTIONS.map((p) => [p.name, p] as const))('%s: every declared index, every query shape: same documents, order and totals as the reference', async (_, projection) => {
    const memory = engines.memory!.get(projection.name)!.storage;
    const mongo = engines.mongo!.get(projection.name)!.storage;
    const all = await memory.scan(undefined, 1_000_000);
    expect(await mongo.scan(undefined, 1_000_000)).toEqual(all);
    expect(all.length).toBeGreaterThan(0);
    let checked = 0;
    for (const [index, fields] of Object.entries(projection.indexes ?? {})) {
      for (const query of queriesFor(fields, all)) {
        const expected = reference(all, fields, query);
        for (const [name, collection] of [['memory', memory.collection], ['mongo', mongo.collection]] as Array<[string, ReadCollection<ProjectedDocument>]>) {
          const page = await collection.find(index, query);
          expect({ engine: name, index, query, total: page.total, ids: page.docs.map((d) => d._id) }).toEqual({ engine: name, index, query, ...expected });
          if (!query.range) expect(await collection.count(index, query.eq, query.where)).toBe(expected.total);
        }
        checked++;
      }
    }
    // Lookups by id, on every projection (the only query of those without declared indexes).
    for (const doc of all.filter((_, i) => i % 7 === 0)) {
      expect(await mongo.collection.get(doc._id)).toEqual(doc);
      expect(await memory.collection.get(doc._id)).toEqual(doc);
      checked++;
    }
    expect(await memory.collection.getMany([all[0]!._id, 'missing', all.at(-1)!._id])).toEqual(await mongo.collection.getMany([all[0]!._id, 'missing', all.at(-1)!._id]));
    expect(checked).toBeGreaterThan(10);
  }, 300_000);

  it('read-your-writes: a new event is visible on both engines once waited for, with no sleep', async () => {
    const orgId = randomUUID();
    const userId = randomUUID();
    const { position } = await store.append(`org-${orgId}`, [
      { id: randomUUID(), type: 'OrgMemberAdded', data: { orgId, userId, email: 'new@example.com', firstName: 'N', lastName: 'U', role: 'member', at: new Date().toISOString() } },
    ]);
    for (const runners of Object.values(engines)) {
      const runner = runners.get('org_members-projection')!;
      await runner.waitFor(position);
      expect(await runner.storage.collection.first('byEmail', { orgId, email: 'new@example.com' })).toMatchObject({ userId, role: 'member' });
    }
  });
});
