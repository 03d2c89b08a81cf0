import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { healthSubject, KeysSubjects, type RequestContext } from '#libs/contracts';
import { createEventStore, type EventStore } from '#libs/event-store';
import { READ_MODELS } from '#libs/projections';
import { MemoryEngine, ProjectorRunner, type MemoryCollection, type ProjectionDefinition } from '#libs/read-models';
import { MessagingModule, RpcClient } from '#libs/messaging';
import { freePort } from '#libs/testing';
import { seedSyntheticOrg, type SyntheticOrg } from '../../../test/support/synthetic-org.js';
import { progress, run, summarise, type Row } from '../harness.js';
import { AppProcesses, SERVICE_APPS, type AppName } from '../scale/app-processes.js';

const SIZES = (process.env.BENCH_SCALE_SIZES ?? '1000,10000,100000').split(',').map(Number);
const BULK_CREATIONS = Number(process.env.BENCH_SCALE_BULK ?? 20_000);
const WORKSPACES = 20;

interface Env {
  root: string;
  natsUrl: string;
  mongoUrl: string;
}

/**
 * Read models as an organisation grows: the same measurements at 1,000 / 10,000 / 100,000 keys
 * and members in one organisation, on the product as `npm start` runs it (one process per app),
 * seeded through the event store. The curve, not one point.
 */
export async function scaleBench(env: Env): Promise<Row[]> {
  const rows: Row[] = [];
  for (const [i, size] of SIZES.entries()) rows.push(...(await atSize(env, size, i === SIZES.length - 1)));
  return rows;
}

async function atSize(env: Env, size: number, largest: boolean): Promise<Row[]> {
  const tag = `${size.toLocaleString('en')} keys + members`;
  const suite = 'scale';
  const rows: Row[] = [];
  const id = randomBytes(4).toString('hex');
  const dataDir = mkdtempSync(join(tmpdir(), `portcullis-scale-${size}-`));
  const port = await freePort();
  const adminKey = `bench_${randomBytes(24).toString('hex')}`;
  const pepper = randomBytes(32).toString('hex');
  const stream = `SCALE_${id}`;
  const apps = new AppProcesses(env.root, {
    NATS_URL: env.natsUrl,
    MONGO_URL: env.mongoUrl,
    PORT: String(port),
    PORTCULLIS_DATA_DIR: dataDir,
    PORTCULLIS_EVENT_STREAM: stream,
    PORTCULLIS_EVENT_SUBJECT_PREFIX: `scale${id}`,
    PORTCULLIS_DB_PREFIX: `scale${id}_`,
    PORTCULLIS_BOOTSTRAP_ADMIN_KEY: adminKey,
    PORTCULLIS_KEY_PEPPER: pepper,
  });
  const api = `http://127.0.0.1:${port}/v1`;
  const rpcApp = await NestFactory.createApplicationContext(MessagingModule.forRoot({ natsUrl: env.natsUrl, name: 'bench' }), { logger: false });
  const rpc = rpcApp.get(RpcClient);
  const context: RequestContext = { requestId: 'bench', correlationId: 'bench' };
  const store = await createEventStore({ natsUrl: env.natsUrl, jetstream: { stream, subjectPrefix: `scale${id}` } });
  try {
    for (const app of [...SERVICE_APPS, 'gateway'] as AppName[]) apps.start(app);
    const orgId = await waitForOrg(api, adminKey, apps);
    progress(`scale ${tag}: seeding the event store`);
    const seeded = Date.now();
    const org = await seedSyntheticOrg(store, { orgId, workspaces: WORKSPACES, members: size, keys: size, pepper }, (n) => progress(`  … ${n} appends`));
    const head = await store.headPosition();
    await waitForHealth(api, 600_000);
    // Every service has applied the seed once the newest key verifies (verification waits at most
    // 2 s for the read models, so ask until it does).
    for (const deadline = Date.now() + 600_000; ; ) {
      const ok = await rpc.call(KeysSubjects.verify, { key: org.secrets.at(-1)!.secret }, context, { timeoutMs: 10_000 }).then(() => true, () => false);
      if (ok) break;
      if (Date.now() > deadline) throw new Error('the keys service did not apply the seed within 10 minutes');
      await new Promise((r) => setTimeout(r, 250));
    }
    rows.push({ suite, case: `${tag}: seed ${org.appends} appends, projected live`, seconds: (Date.now() - seeded) / 1000, note: `head position ${head}` });

    rows.push(...(await startupRows(apps, rpc, context, dataDir, tag)));
    rows.push(...(await requestRows(api, adminKey, rpc, context, org, tag)));
    rows.push({
      suite,
      case: `${tag}: resident memory per app`,
      note: [...SERVICE_APPS, 'gateway'].map((a) => `${a} ${apps.rssMb(a as AppName)} MB`).join(', '),
      ...Object.fromEntries([...SERVICE_APPS, 'gateway'].map((a) => [`rssMb_${a}`, apps.rssMb(a as AppName)])),
    });
    if (largest) rows.push(...(await memoryPerDocument(store, head, tag)));
    if (largest && BULK_CREATIONS) rows.push(await bulkCreation(api, adminKey, org, tag));
  } catch (error) {
    for (const app of [...SERVICE_APPS, 'gateway'] as AppName[]) process.stderr.write(`--- ${app}\n${apps.tail(app)}\n`);
    throw error;
  } finally {
    await apps.stopAll();
    await rpcApp.close();
    await store.close();
    const nc = await connect({ servers: env.natsUrl });
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
    await nc.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return rows;
}

/** Restart of the three read-model services: from their snapshots, then from the events alone. */
async function startupRows(apps: AppProcesses, rpc: RpcClient, context: RequestContext, dataDir: string, tag: string): Promise<Row[]> {
  const rows: Row[] = [];
  const services = ['identity', 'workspaces', 'keys'] as const;
  for (const mode of ['with a snapshot', 'without a snapshot (replay)'] as const) {
    for (const app of services) await apps.stop(app);
    if (mode !== 'with a snapshot') rmSync(join(dataDir, 'read-models'), { recursive: true, force: true });
    const started = Date.now();
    for (const app of services) apps.start(app);
    const times = await Promise.all(services.map(async (app) => [app, await untilAnswering(rpc, context, app, started)] as const));
    rows.push({
      suite: 'scale',
      case: `${tag}: service start-up ${mode}`,
      note: times.map(([a, ms]) => `${a} ${ms} ms`).join(', '),
      ...Object.fromEntries(times.map(([a, ms]) => [`startupMs_${a}`, ms])),
    });
  }
  return rows;
}

async function untilAnswering(rpc: RpcClient, context: RequestContext, app: string, since: number): Promise<number> {
  for (;;) {
    try {
      const reply = await rpc.call<{ status: string }>(healthSubject(app as never), {}, context, { timeoutMs: 500 });
      if (reply.status === 'ok') return Date.now() - since;
    } catch {
      // not up yet
    }
    if (Date.now() - since > 600_000) throw new Error(`${app} did not start within 10 minutes`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function requestRows(api: string, adminKey: string, rpc: RpcClient, context: RequestContext, org: SyntheticOrg, tag: string): Promise<Row[]> {
  const rows: Row[] = [];
  const add = (name: string, result: { latencies: number[]; seconds: number }) => rows.push({ suite: 'scale', case: `${tag}: ${name}`, ...summarise(result.latencies, result.seconds) });
  const get = async (path: string, key = adminKey) => {
    const response = await fetch(`${api}${path}`, { headers: { 'x-portkey-api-key': key } });
    if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  const serviceKeys = org.secrets.filter((s) => s.type === 'workspace-service');
  const half = Math.floor(serviceKeys.length / 2);
  const verifyKeys = serviceKeys.slice(0, Math.min(half, 400));
  const gatewayKeys = serviceKeys.slice(half, half + Math.min(half, 400));
  // The same round trip to the same process with a trivial handler: what verification adds is the difference.
  add('keys service health RPC (the round trip alone, for contrast)', await run(() => rpc.call(healthSubject('keys'), {}, context), verifyKeys.length));
  add('cold key verification (keys verify RPC, a key never verified)', await run((i) => rpc.call(KeysSubjects.verify, { key: verifyKeys[i]!.secret }, context), verifyKeys.length));
  add('first request with an unseen key, through the gateway', await run((i) => get(`/admin/workspaces/${gatewayKeys[i]!.workspaceId}`, gatewayKeys[i]!.secret), gatewayKeys.length));
  const cached = gatewayKeys[0]!;
  add('GET /admin/workspaces/:id with a cached key, 16 in flight', await run(() => get(`/admin/workspaces/${cached.workspaceId}`, cached.secret), 4_000, 16));
  const ws = org.workspaceIds[1]!;
  add(`member list page: /admin/workspaces/:id/users?role=member (a workspace of ~${Math.round(org.userIds.length / WORKSPACES)})`, await run((i) => get(`/admin/workspaces/${ws}/users?role=member&page_size=50&current_page=${i % 5}`), 300));
  add('member list page: /admin/users?role=member', await run((i) => get(`/admin/users?role=member&pageSize=50&currentPage=${i % 5}`), 300));
  add('key list page: /api-keys (whole organisation, page 10)', await run((i) => get(`/api-keys?page_size=50&current_page=${10 + (i % 5)}`), 300));
  add('key list page: /api-keys?workspace_id', await run((i) => get(`/api-keys?workspace_id=${ws}&page_size=50&current_page=${i % 5}`), 300));
  const create = (i: number) => createKey(api, adminKey, org.workspaceIds[i % WORKSPACES]!, `scale-${i}`);
  add('create a workspace key, 1 in flight', await run(create, 200));
  add('create a workspace key, 8 in flight', await run((i) => create(1_000 + i), 800, 8));
  return rows;
}

async function createKey(api: string, adminKey: string, workspaceId: string, name: string): Promise<number> {
  const response = await fetch(`${api}/api-keys/workspace/service`, {
    method: 'POST',
    headers: { 'x-portkey-api-key': adminKey, 'content-type': 'application/json' },
    body: JSON.stringify({ name, scopes: ['workspaces.read'], workspace_id: workspaceId }),
  });
  await response.arrayBuffer();
  if (response.status >= 500) return response.status;
  if (response.status !== 200) throw new Error(`create key: ${response.status}`);
  return response.status;
}

/** 8 concurrent clients create BULK_CREATIONS keys: every answer counted, none may be a 5xx. */
async function bulkCreation(api: string, adminKey: string, org: SyntheticOrg, tag: string): Promise<Row> {
  progress(`scale ${tag}: ${BULK_CREATIONS} key creations by 8 concurrent clients`);
  let errors = 0;
  const result = await run(async (i) => {
    if ((await createKey(api, adminKey, org.workspaceIds[i % WORKSPACES]!, `bulk-${i}`)) >= 500) errors++;
  }, BULK_CREATIONS, 8);
  return { suite: 'scale', case: `${tag}: ${BULK_CREATIONS.toLocaleString('en')} key creations, 8 concurrent clients`, ...summarise(result.latencies, result.seconds), note: `${errors} 5xx`, serverErrors: errors };
}

/** Heap per 100,000 documents of each read model on the memory engine, built in this process from the same events. */
async function memoryPerDocument(store: EventStore, head: number, tag: string): Promise<Row[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return [{ suite: 'scale', case: `${tag}: memory per read model`, note: 'skipped: run with --expose-gc (npm run bench does)' }];
  const rows: Row[] = [];
  const projections = [...new Map(Object.values(READ_MODELS).flat().map((p) => [p.name, p as ProjectionDefinition<any>])).values()];
  for (const projection of projections) {
    gc();
    const before = process.memoryUsage().heapUsed;
    const storage = new MemoryEngine().storageFor(projection);
    const runner = new ProjectorRunner(store, storage, projection);
    const started = Date.now();
    await runner.start();
    await runner.waitFor(head, 600_000);
    await runner.stop();
    const seconds = (Date.now() - started) / 1000;
    gc();
    const bytes = process.memoryUsage().heapUsed - before;
    const docs = (storage.collection as MemoryCollection).size;
    rows.push({
      suite: 'scale',
      case: `${tag}: ${projection.name} in memory`,
      seconds,
      note: `${docs} documents, ${Math.round(bytes / 1024 / 1024)} MB heap, ${docs ? Math.round((bytes / docs) * 100_000 / 1024 / 1024) : 0} MB per 100,000 documents, replayed in ${seconds.toFixed(1)} s`,
      bytesPerDoc: docs ? Math.round(bytes / docs) : 0,
    });
    void storage;
  }
  return rows;
}

async function waitForOrg(api: string, adminKey: string, apps: AppProcesses): Promise<string> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${api}/admin/workspaces`, { headers: { 'x-portkey-api-key': adminKey } });
      if (response.status === 200) return ((await response.json()) as { data: Array<{ organisation_id: string }> }).data[0]!.organisation_id;
    } catch {
      // gateway not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the stack did not come up:\n${apps.tail('gateway')}\n${apps.tail('keys')}`);
}

async function waitForHealth(api: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${api}/health`).catch(() => null);
    if (response?.status === 200) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the stack is not healthy');
}

