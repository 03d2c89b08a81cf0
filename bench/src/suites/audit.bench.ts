import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  AUDIT_COLLECTION,
  AuditIndexFeeder,
  AuditProjector,
  ensureAuditIndexes,
  listAuditLogs,
  listAuditLogsFromIndex,
  type AuditRecord,
} from '#libs/audit';
import type { ListAuditLogsQuery } from '#libs/contracts';
import { JetStreamEventStore, type EventMetadata } from '#libs/event-store';
import { connectMongo } from '#libs/read-models';
import { progress, run, summarise, type Row } from '../harness.js';

const DAY = 86_400_000;

/** Heap in use after a full collection (the bench runs with --expose-gc). */
function usedHeap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}
const BASE = Date.UTC(2026, 0, 1);
const SPAN_DAYS = 100;

/** The i-th synthetic request of `n`: who, what, when (spread over 100 days). */
function request(i: number, n: number) {
  const org = i % 10 === 0 ? 'org-b' : 'org-a';
  const denied = i % 20 === 3;
  return {
    org,
    denied,
    metadata: {
      orgId: org,
      workspaceId: `ws-${i % 50}`,
      requestId: `rq-${i}`,
      actor: { type: i % 2 ? ('user' as const) : ('api_key' as const), id: `user-${i % 200}`, keyId: `key-${i % 300}` },
      clientIp: `198.51.100.${i % 250}`,
      userAgent: 'bench',
      occurredAt: new Date(BASE + Math.floor((i / n) * SPAN_DAYS * DAY)).toISOString(),
      http: { method: ['POST', 'PUT', 'DELETE'][i % 3]!, uri: `/v1/admin/workspaces/w${i % 50}`, body: { name: 'a workspace', description: 'realistic size' }, headers: { 'user-agent': 'bench' }, queryParams: {} },
      audit: { resourceType: ['workspaces', 'api_keys', 'invites', 'workspace_users'][i % 4]!, action: ['create', 'update', 'delete'][i % 3]!, resourceId: `r-${i % 1000}` },
    } satisfies EventMetadata,
  };
}

const window = (days: number): Pick<ListAuditLogsQuery, 'start_time' | 'end_time'> => ({
  start_time: new Date(BASE + (SPAN_DAYS - days) * DAY).toISOString(),
  end_time: new Date(BASE + SPAN_DAYS * DAY).toISOString(),
});

const QUERIES = (n: number): Array<[string, Partial<ListAuditLogsQuery>]> => [
  ['org, whole span (newest page of 20 + total)', window(SPAN_DAYS)],
  ['org + user_id, whole span', { ...window(SPAN_DAYS), user_id: 'user-41' }],
  ['org + action=deny + resource_type, 7 days', { ...window(7), action: 'deny', resource_type: 'workspace_users' }],
  ['org + request_id (one record)', { ...window(SPAN_DAYS), request_id: `rq-${Math.floor(n * 0.77) + 1}` }],
  ['org, 1 day, page 10 of 20', { ...window(1), current_page: 10 }],
];

/**
 * Audit log at scale. `records` requests go through the real path (events in JetStream, derived
 * and chained records); queries are timed on the in-memory index the audit service uses on
 * FerretDB, and, for contrast, on the FerretDB collection at a smaller size (it has no indexes).
 */
export async function auditBench(natsUrl: string, mongoUrl: string, dbKind: string): Promise<Row[]> {
  const records = Number(process.env.BENCH_AUDIT_RECORDS ?? 1_000_000);
  const samples = Number(process.env.BENCH_AUDIT_SAMPLES ?? 30);
  const mongoRecords = Number(process.env.BENCH_AUDIT_MONGO_RECORDS ?? 50_000);
  const rows: Row[] = [];
  const suffix = randomUUID().replace(/-/g, '').slice(0, 8);
  const streamName = `BENCHAUDIT_${suffix}`;
  const store = await JetStreamEventStore.connect({ servers: natsUrl }, { stream: streamName, subjectPrefix: `benchaudit${suffix}` });
  const db = await connectMongo(mongoUrl, `bench_audit_${suffix}`);
  try {
    progress(`audit: appending ${records.toLocaleString('en')} audited requests as events`);
    const appendStarted = performance.now();
    const writers = 16;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = w; i < records; i += writers) {
          const { denied, metadata } = request(i, records);
          const event = denied
            ? { id: randomUUID(), type: 'AccessDenied', data: { status: 403, errorCode: 'AB03', message: 'denied' }, metadata: { ...metadata, audit: { ...metadata.audit, action: 'deny' } } }
            : { id: randomUUID(), type: 'WorkspaceUpdated', data: { workspaceId: metadata.workspaceId }, metadata };
          await store.append(denied ? `access-${i}` : `workspace-${i}`, [event]);
          if (w === 0 && i % 200_000 === 0 && i) progress(`audit: ${i.toLocaleString('en')} appended`);
        }
      }),
    );
    const appendSeconds = (performance.now() - appendStarted) / 1000;
    rows.push({ suite: 'audit', case: `append ${records.toLocaleString('en')} audited requests (16 writers)`, ops: records, seconds: appendSeconds, opsPerSec: records / appendSeconds, note: 'JetStream' });

    const head = await store.headPosition();
    progress('audit: building the in-memory index from the event store');
    const heapBefore = usedHeap();
    const feeder = new AuditIndexFeeder(store);
    const indexStarted = performance.now();
    feeder.start();
    await feeder.waitFor(head, 3_600_000);
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    const indexBytes = usedHeap() - heapBefore;
    rows.push({
      suite: 'audit',
      case: 'replay: events → chained records in the in-memory index',
      ops: records,
      seconds: indexSeconds,
      opsPerSec: records / indexSeconds,
      note: `${feeder.index.size.toLocaleString('en')} records; index ≈ ${Math.round(indexBytes / 1e6)} MB (${Math.round(indexBytes / feeder.index.size)} B/record)`,
    });

    for (const [name, query] of QUERIES(records)) {
      let total = 0;
      const result = await run(async () => {
        total = (await listAuditLogsFromIndex(feeder.index, store, 'org-a', { page_size: 20, ...query } as ListAuditLogsQuery)).total;
      }, samples);
      rows.push({ suite: 'audit', case: `query, ${records.toLocaleString('en')} records, in-memory index: ${name}`, ...summarise(result.latencies, result.seconds), note: `${total.toLocaleString('en')} matches` });
    }
    await feeder.stop();

    rows.push(...(await mongoEngine(db, mongoRecords, dbKind)));
    rows.push(...(await projectorReplay(db, Math.min(records, Number(process.env.BENCH_AUDIT_REPLAY_EVENTS ?? 20_000)), dbKind)));
  } finally {
    await db.dropDatabase();
    await db.close();
    await store.close();
    const nc = await connect({ servers: natsUrl });
    await (await jetstreamManager(nc)).streams.delete(streamName);
    await nc.close();
  }
  return rows;
}

/** The collection engine on the read-model server, at a size it can bear. */
async function mongoEngine(db: Connection, n: number, dbKind: string): Promise<Row[]> {
  progress(`audit: ${n.toLocaleString('en')} records in the ${dbKind} collection`);
  await ensureAuditIndexes(db);
  const collection = db.collection<AuditRecord>(AUDIT_COLLECTION);
  for (let i = 0; i < n; i += 1000) {
    const docs: AuditRecord[] = [];
    for (let j = i; j < Math.min(n, i + 1000); j++) {
      const { org, denied, metadata } = request(j, n);
      docs.push({
        _id: `req:${metadata.requestId}`,
        org_key: org,
        seq: j + 1,
        prev_hash: '',
        hash: 'x'.repeat(64),
        position: j + 1,
        timestamp: metadata.occurredAt,
        method: metadata.http.method,
        uri: metadata.http.uri,
        request_id: metadata.requestId,
        request_body: JSON.stringify(metadata.http.body),
        query_params: '{}',
        request_headers: '{"user-agent":"bench"}',
        user_id: metadata.actor.id,
        user_type: metadata.actor.type,
        api_key_id: metadata.actor.keyId,
        organisation_id: org,
        workspace_id: metadata.workspaceId,
        response_status_code: denied ? 403 : 200,
        resource_type: metadata.audit.resourceType,
        resource_id: metadata.audit.resourceId,
        action: denied ? 'deny' : metadata.audit.action,
        client_ip: metadata.clientIp,
        user_agent: 'bench',
        country: null,
      });
    }
    await collection.insertMany(docs, { ordered: false });
  }
  const rows: Row[] = [];
  for (const [name, query] of QUERIES(n).slice(0, 2)) {
    let total = 0;
    const result = await run(async () => {
      total = (await listAuditLogs(db, 'org-a', { page_size: 20, ...query } as ListAuditLogsQuery)).total;
    }, 2);
    rows.push({ suite: 'audit', case: `query, ${n.toLocaleString('en')} records, ${dbKind} collection: ${name}`, ...summarise(result.latencies, result.seconds), note: `${total.toLocaleString('en')} matches` });
  }
  const plan = await collection.find({ organisation_id: 'org-a', action: 'deny' }).sort({ timestamp: -1 }).limit(20).explain();
  rows.push({ suite: 'audit', case: `${dbKind} query plan (org + action, newest first)`, note: JSON.stringify(plan.queryPlanner?.winningPlan ?? plan.queryPlanner ?? {}).slice(0, 110) });
  return rows;
}

/** The audit projector from a cold start: events → chained records written to the database. */
async function projectorReplay(db: Connection, events: number, dbKind: string): Promise<Row[]> {
  progress(`audit: projector replay of ${events.toLocaleString('en')} events into ${dbKind}`);
  const suffix = randomUUID().replace(/-/g, '').slice(0, 8);
  const natsUrl = process.env.NATS_URL!;
  const store = await JetStreamEventStore.connect({ servers: natsUrl }, { stream: `BENCHREPLAY_${suffix}`, subjectPrefix: `benchreplay${suffix}` });
  try {
    for (let i = 0; i < events; i += 500) {
      await Promise.all(
        Array.from({ length: Math.min(500, events - i) }, (_, k) => {
          const { metadata } = request(i + k, events);
          return store.append(`workspace-${i + k}`, [{ id: randomUUID(), type: 'WorkspaceUpdated', data: {}, metadata }]);
        }),
      );
    }
    const head = await store.headPosition();
    const projector = new AuditProjector(store, db, { collection: 'audit_replay', checkpointId: 'bench-replay' });
    const started = performance.now();
    await projector.start();
    await projector.waitFor(head, 3_600_000);
    const seconds = (performance.now() - started) / 1000;
    await projector.stop();
    return [{ suite: 'audit', case: `replay: events → chained records in the ${dbKind} collection (cold)`, ops: events, seconds, opsPerSec: events / seconds }];
  } finally {
    await store.close();
    const nc = await connect({ servers: natsUrl });
    await (await jetstreamManager(nc)).streams.delete(`BENCHREPLAY_${suffix}`);
    await nc.close();
  }
}
