import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PortcullisConfig } from '#libs/config';
import { eventually } from '#libs/testing';
import { generateKey } from '../../../apps/keys/src/api-keys/domain/key-material.js';
import { http } from '../../../test/support/clients.js';
import { storedAppends } from '../../../test/support/event-store-head.js';
import { startStack } from '../../../test/support/stack.js';
import { progress, run, summarise, type Row } from '../harness.js';

const FLOOD = 20_000;
const GOOD_OPS = 2_000;
const ATTACKER = '198.51.100.66';
const WINDOW_MS = 10_000;
const IN_FLIGHT = 4;

/**
 * A flood of 20,000 requests with bad keys (well-formed secrets forged for a real key id, from
 * one address, sent by a separate process) against a gateway that also serves a good key: how
 * much the event store grows, good-key latency before vs during, and what the audit log shows.
 * Run with the defences on, and with them off (no limiter, no aggregation) for contrast.
 */
export async function denialFloodBench(): Promise<Row[]> {
  const rows: Row[] = [];
  rows.push(...(await scenario('defences on', { denialWindowMs: WINDOW_MS })));
  rows.push(...(await scenario('defences off', { denialBurst: 1e9, denialRatePerSec: 1e9, denialWindowMs: 0 })));
  return rows;
}

async function scenario(label: string, overrides: Partial<PortcullisConfig>): Promise<Row[]> {
  progress(`denial flood (${label}): ${FLOOD} bad-key requests vs good-key latency`);
  const stack = await startStack(overrides);
  const dir = mkdtempSync(join(tmpdir(), 'portcullis-flood-'));
  const rows: Row[] = [];
  try {
    const ws = (await http(stack, 'POST', '/admin/workspaces', { key: stack.adminKey, body: { name: 'flood' } })).body;
    const good = (await http(stack, 'POST', '/api-keys/workspace/service', { key: stack.adminKey, body: { name: 'good', scopes: ['workspaces.read'], workspace_id: ws.id } })).body;
    const path = `/admin/workspaces/${ws.id}`;
    const goodGet = async () => {
      const result = await http(stack, 'GET', path, { key: good.key, headers: { 'x-forwarded-for': '203.0.113.10' } });
      if (result.status !== 200) throw new Error(`good key: ${result.status}`);
    };
    await run(goodGet, 200, IN_FLIGHT);
    const before = await run(goodGet, GOOD_OPS, IN_FLIGHT);
    rows.push({ suite: 'denial-flood', case: `${label}: good-key GET before the flood (${IN_FLIGHT} in flight)`, ...summarise(before.latencies, before.seconds) });

    writeFileSync(join(dir, 'keys'), Array.from({ length: FLOOD }, () => generateKey('workspace-service', good.id)).join('\n'));
    const appendsBefore = await storedAppends(stack);
    let flooding = true;
    const flood = floodFromChild({ url: `${stack.apiUrl}${path}`, keysFile: join(dir, 'keys') }).finally(() => (flooding = false));
    const during: number[] = [];
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (flooding) {
          const t = performance.now();
          await goodGet();
          during.push(performance.now() - t);
        }
      }),
    );
    const flooded = await flood;
    rows.push({ suite: 'denial-flood', case: `${label}: good-key GET during the flood (${IN_FLIGHT} in flight)`, ...summarise(during, (performance.now() - started) / 1000) });
    rows.push({
      suite: 'denial-flood',
      case: `${label}: ${FLOOD} bad-key requests from one address (32 in flight, another process)`,
      ops: FLOOD,
      seconds: flooded.seconds,
      opsPerSec: FLOOD / flooded.seconds,
      note: Object.entries(flooded.statuses)
        .map(([s, n]) => `${n}× ${s}`)
        .join(', '),
    });

    // Repeats are written when their window ends: wait until the audit log accounts for all.
    const query = `/audit-logs?start_time=${encodeURIComponent(new Date(Date.now() - 3600_000).toISOString())}&end_time=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}&page_size=100&include_denied_reads=true&client_ip=${ATTACKER}`;
    const audit = await eventually(
      async () => {
        const body = (await http(stack, 'GET', query, { key: stack.adminKey })).body as { total: number; records: Array<{ count?: number }> };
        const counted = body.total > 100 ? body.total : body.records.reduce((n, r) => n + (r.count ?? 1), 0);
        return counted >= FLOOD ? { total: body.total, counted } : false;
      },
      { timeoutMs: WINDOW_MS * 3 + 60_000, intervalMs: 500 },
    );
    const appended = (await storedAppends(stack)) - appendsBefore;
    rows.push({
      suite: 'denial-flood',
      case: `${label}: event store growth`,
      note: `${appended} appends for ${FLOOD} refused requests; the audit log shows them as ${audit.total} record(s) whose counts sum to ${audit.counted}`,
      appended,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await stack.stop();
  }
  return rows;
}

function floodFromChild(options: { url: string; keysFile: string }): Promise<{ statuses: Record<string, number>; seconds: number }> {
  const script = join(process.env.PORTCULLIS_ROOT ?? process.cwd(), 'bench', 'flood-client.mjs');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, FLOOD_URL: options.url, FLOOD_KEYS_FILE: options.keysFile, FLOOD_IP: ATTACKER, FLOOD_CONCURRENCY: '32' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`flood client exited ${code}`))));
  });
}
