import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import type { ListAuditLogsQuery } from '#libs/contracts';
import { JetStreamEventStore } from '#libs/event-store';
import { connectMongo } from '#libs/read-models';
import { requireEnv } from '#libs/testing';
import { AuditIndexFeeder, AuditProjector, listAuditLogs, listAuditLogsFromIndex } from '../src/index.js';

const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
const BASE = Date.UTC(2026, 2, 1);

/** A small deterministic generator, so a failing query can be reproduced. */
function rng(seed: number) {
  return () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
}

describe('the in-memory audit index answers exactly as the audit collection does', () => {
  let store: JetStreamEventStore;
  let db: Connection;
  let feeder: AuditIndexFeeder;
  beforeAll(async () => {
    store = await JetStreamEventStore.connect({ servers: requireEnv('NATS_URL') }, { stream: `AUDITIDX_${suffix}`, subjectPrefix: `auditidx${suffix}` });
    db = await connectMongo(requireEnv('MONGO_URL'), `auditidx_${suffix}`);
    const random = rng(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    for (let i = 0; i < 1_500; i++) {
      const denied = random() < 0.15;
      const metadata = {
        orgId: pick(['org-1', 'org-2']),
        workspaceId: pick(['w1', 'w2', 'w3', null]),
        requestId: `r-${i}`,
        actor: { type: pick(['user', 'api_key'] as const), id: pick(['u1', 'u2', 'k1', 'k2', 'k3']), keyId: 'k' },
        clientIp: pick(['198.51.100.1', '198.51.100.2']),
        // Out of feed order now and then: the index must still sort by time.
        occurredAt: new Date(BASE + i * 60_000 + (random() < 0.1 ? -5 * 60_000 : 0)).toISOString(),
        http: { method: pick(['POST', 'PUT', 'DELETE']), uri: `/v1/admin/x/${i % 7}`, body: {}, headers: {}, queryParams: {} },
        audit: { resourceType: pick(['workspaces', 'api_keys']), action: pick(['create', 'update', 'delete']), resourceId: `id-${i % 11}` },
      };
      if (denied) {
        await store.append(`access-${randomUUID()}`, [{ id: randomUUID(), type: 'AccessDenied', data: { status: pick([401, 403]), errorCode: 'AB03', message: 'no' }, metadata }]);
      } else {
        await store.append(`thing-${i}`, [{ id: randomUUID(), type: 'ThingChanged', data: {}, metadata }]);
      }
    }
    const head = await store.headPosition();
    const projector = new AuditProjector(store, db);
    await projector.start();
    feeder = new AuditIndexFeeder(store);
    feeder.start();
    await Promise.all([projector.waitFor(head, 60_000), feeder.waitFor(head, 60_000)]);
    await projector.stop();
  }, 120_000);
  afterAll(async () => {
    await feeder?.stop();
    await db.dropDatabase();
    await db.close();
    await store.close();
  });

  it('for random filters, windows and pages, both give the same total and the same page', async () => {
    const random = rng(99);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    for (let i = 0; i < 60; i++) {
      const from = BASE + Math.floor(random() * 1_000) * 60_000;
      const query: ListAuditLogsQuery = {
        start_time: new Date(from).toISOString(),
        end_time: new Date(from + Math.floor(random() * 800) * 60_000).toISOString(),
        page_size: pick([5, 20, 100]),
        current_page: pick([0, 0, 1, 3]),
      };
      if (random() < 0.4) query.action = pick(['create', 'update', 'delete', 'deny']);
      if (random() < 0.3) query.user_id = pick(['u1', 'k2', 'nobody']);
      if (random() < 0.3) query.workspace_id = pick(['w1', 'w3']);
      if (random() < 0.2) query.response_status_code = pick([200, 401, 403]);
      if (random() < 0.2) query.method = pick(['POST', 'DELETE']);
      if (random() < 0.2) query.user_type = pick(['user', 'api_key']);
      if (random() < 0.1) query.request_id = `r-${Math.floor(random() * 1_500)}`;
      const org = pick(['org-1', 'org-2']);
      const fromCollection = await listAuditLogs(db, org, query);
      const fromIndex = await listAuditLogsFromIndex(feeder.index, store, org, query);
      expect({ query, total: fromIndex.total, ids: fromIndex.records.map((r) => r.id) }).toEqual({
        query,
        total: fromCollection.total,
        ids: fromCollection.records.map((r) => r.id),
      });
      expect(fromIndex.records).toEqual(fromCollection.records);
    }
  }, 120_000);

  it('records pruned by retention are left out', async () => {
    const query: ListAuditLogsQuery = { start_time: new Date(BASE - 3600_000).toISOString(), end_time: new Date(BASE + 3_000 * 60_000).toISOString(), page_size: 100 };
    const all = await listAuditLogsFromIndex(feeder.index, store, 'org-1', query);
    const pruned = await listAuditLogsFromIndex(feeder.index, store, 'org-1', query, 100);
    expect(pruned.total).toBe(all.total - 100);
    expect(pruned.records.every((r) => r.seq > 100)).toBe(true);
  });
});
