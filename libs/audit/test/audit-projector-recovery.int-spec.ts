import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Connection } from 'mongoose';
import { JetStreamEventStore } from '#libs/event-store';
import { connectMongo } from '#libs/read-models';
import { eventually, requireEnv } from '#libs/testing';
import { AUDIT_COLLECTION, AuditProjector, verifyAuditChains } from '../src/index.js';

const suffix = randomUUID().replace(/-/g, '').slice(0, 10);
const env = { STREAM: `AUDITREC_${suffix}`, PREFIX: `auditrec${suffix}`, DB: `auditrec_${suffix}` };
const ORGS = ['o-a', 'o-b', 'o-c'];

function startChild(onPosition: (p: number) => void, extra: Record<string, string> = {}): ChildProcess {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./fixtures/run-audit-projector.mjs', import.meta.url))], {
    env: { ...process.env, ...env, ...extra },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    for (const m of chunk.matchAll(/position (\d+)/g)) onPosition(Number(m[1]));
  });
  return child;
}
const exited = (child: ChildProcess) => new Promise<void>((r) => (child.exitCode !== null ? r() : child.once('exit', () => r())));

describe('audit projector crash recovery', () => {
  let store: JetStreamEventStore;
  let db: Connection;
  beforeAll(async () => {
    store = await JetStreamEventStore.connect({ servers: requireEnv('NATS_URL') }, { stream: env.STREAM, subjectPrefix: env.PREFIX });
    db = await connectMongo(requireEnv('MONGO_URL'), env.DB);
  });
  afterAll(async () => {
    await db.dropDatabase();
    await db.close();
    await store.close();
  });

  it('killed mid-stream and restarted: no duplicates, no gaps, identical to a fresh rebuild', async () => {
    let requests = 0;
    let denials = 0;
    for (let i = 0; i < 900; i++) {
      const orgId = ORGS[i % ORGS.length]!;
      const requestId = `req-${i}`;
      const metadata = {
        orgId,
        requestId,
        actor: { type: 'api_key' as const, id: `key-${i % 7}`, keyId: `key-${i % 7}` },
        clientIp: '198.51.100.1',
        occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
        http: { method: 'PUT', uri: `/v1/admin/workspaces/w${i}`, body: { n: i }, headers: {}, queryParams: {} },
        audit: { resourceType: 'workspaces', action: 'update', resourceId: `w${i}` },
      };
      if (i % 10 === 9) {
        await store.append(`access-${randomUUID()}`, [{ id: randomUUID(), type: 'AccessDenied', data: { status: 403, errorCode: 'AB03', message: 'no' }, metadata }]);
        denials++;
        continue;
      }
      // Some requests append twice (two commits, one request): still one record.
      await store.append(`workspace-w${i}`, [{ id: randomUUID(), type: 'WorkspaceUpdated', data: { workspaceId: `w${i}` }, metadata }]);
      if (i % 4 === 0) await store.append(`workspace-w${i}`, [{ id: randomUUID(), type: 'WorkspaceUpdated', data: { workspaceId: `w${i}` }, metadata }]);
      requests++;
      // Noise without a request: never a record.
      if (i % 5 === 0) await store.append(`projection-${i}`, [{ id: randomUUID(), type: 'Internal', data: {}, metadata: { requestId: `internal-${i}` } }]);
    }
    const head = await store.headPosition();

    let seen = 0;
    // The child stalls past 150, so the kill lands mid-feed however fast it projects.
    const first = startChild((p) => (seen = p), { STALL_AFTER: '150' });
    await eventually(() => seen > 150, { timeoutMs: 60_000 });
    first.kill('SIGKILL');
    await exited(first);
    expect(seen).toBeLessThan(head);

    let caught = 0;
    const second = startChild((p) => (caught = p));
    await eventually(() => caught >= head, { timeoutMs: 60_000 });
    second.kill('SIGTERM');
    await exited(second);

    const live = await db.collection(AUDIT_COLLECTION).find().sort({ org_key: 1, seq: 1 }).toArray();
    expect(live).toHaveLength(requests + denials);
    expect(new Set(live.map((r) => r._id)).size).toBe(live.length);
    for (const org of ORGS) {
      const seqs = live.filter((r) => r.org_key === org).map((r) => r.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    }
    expect(await verifyAuditChains(db, { signingKey: 'unused' })).toMatchObject({ ok: true, records: live.length, chains: 3 });

    const fresh = new AuditProjector(store, db, { collection: 'audit_fresh', checkpointId: 'fresh' });
    await fresh.start();
    await fresh.waitFor(head, 60_000);
    await fresh.stop();
    const rebuilt = await db.collection('audit_fresh').find().sort({ org_key: 1, seq: 1 }).toArray();
    expect(rebuilt).toEqual(live);
  }, 180_000);
});
