import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '#libs/testing';
import { progress, run, sideBySide, summarise, type Row, type Stats } from '../harness.js';
import { AppProcesses, SERVICE_APPS, type AppName } from '../scale/app-processes.js';

const OPS = Number(process.env.BENCH_COMPLETIONS_OPS ?? 3_000);
const STREAMS = Number(process.env.BENCH_COMPLETIONS_STREAMS ?? 300);
/** Portkey's open-source gateway, installed by the bench into its own folder (never a dependency). */
const PORTKEY_GATEWAY = process.env.BENCH_PORTKEY_GATEWAY_VERSION ?? '1.15.2';

interface Env {
  root: string;
  natsUrl: string;
  mongoUrl: string;
}

interface Target {
  port: number;
  path: string;
  headers: Record<string, string>;
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const CHAT = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hello.' }] });
const CHAT_STREAM = JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Say hello.' }] });

/**
 * The data plane's cost, side by side in one run against the same fake upstream (its own
 * process): calls straight to the upstream, through Portcullis (a virtual key; a config with a
 * fallback), and through Portkey's open-source gateway (its own process). Added latency over
 * direct at 1 in flight, requests/s at 1 and 32 in flight, streaming time to first byte, and each
 * process's resident memory.
 */
export async function completionsBench(env: Env): Promise<Row[]> {
  const rows: Row[] = [];
  const children: ChildProcess[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-completions-bench-'));
  const id = randomBytes(4).toString('hex');
  const adminKey = `bench_${randomBytes(24).toString('hex')}`;
  const gatewayPort = await freePort();
  const apps = new AppProcesses(env.root, {
    NATS_URL: env.natsUrl,
    MONGO_URL: env.mongoUrl,
    PORT: String(gatewayPort),
    PORTCULLIS_DATA_DIR: dataDir,
    PORTCULLIS_EVENT_STREAM: `COMPL_${id}`,
    PORTCULLIS_EVENT_SUBJECT_PREFIX: `compl${id}`,
    PORTCULLIS_DB_PREFIX: `compl${id}_`,
    PORTCULLIS_LOGS_STREAM: `LOGS_${id}`,
    PORTCULLIS_LOGS_SUBJECT_PREFIX: `logs${id}`,
    PORTCULLIS_BOOTSTRAP_ADMIN_KEY: adminKey,
    PORTCULLIS_KEY_PEPPER: randomBytes(32).toString('hex'),
  });
  try {
    progress('completions: starting the fake upstream, the stack and Portkey’s gateway');
    const upstream = await startChild(process.execPath, [join(env.root, 'bench', 'fake-upstream.mjs')], {}, children);
    for (const app of [...SERVICE_APPS, 'gateway'] as AppName[]) apps.start(app);
    const api = `http://127.0.0.1:${gatewayPort}/v1`;
    await waitFor(async () => (await fetch(`${api}/health`).catch(() => null))?.status === 200, 120_000, () => apps.tail('gateway'));
    // Healthy is not yet ready for the bootstrap key on a loaded machine (its digest is projected from an event).
    await waitFor(async () => (await fetch(`${api}/admin/workspaces`, { headers: { 'x-portkey-api-key': adminKey } }).catch(() => null))?.status === 200, 120_000, () => 'the bootstrap admin key is not accepted yet');
    const portcullis = await provision(api, adminKey, upstream.port);
    const portkey = await startPortkeyGateway(env.root, children).catch((error: Error) => {
      rows.push({ suite: 'completions', case: 'Portkey open-source gateway', note: `skipped: ${error.message}` });
      return null;
    });

    const direct: Target = { port: upstream.port, path: '/v1/chat/completions', headers: { authorization: 'Bearer sk-bench-direct' } };
    const viaVirtualKey: Target = { port: gatewayPort, path: '/v1/chat/completions', headers: { 'x-portkey-api-key': portcullis.key, 'x-portkey-virtual-key': portcullis.virtualKey } };
    const viaConfig: Target = { port: gatewayPort, path: '/v1/chat/completions', headers: { 'x-portkey-api-key': portcullis.key, 'x-portkey-config': portcullis.config } };
    const viaPortkey: Target | null = portkey && {
      port: portkey.port,
      path: '/v1/chat/completions',
      headers: { authorization: 'Bearer sk-bench-portkey', 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `http://127.0.0.1:${upstream.port}/v1` },
    };
    const contenders: Record<string, Target> = {
      direct,
      'Portcullis (virtual key)': viaVirtualKey,
      'Portcullis (config with fallback)': viaConfig,
      ...(viaPortkey ? { 'Portkey gateway': viaPortkey } : {}),
    };
    for (const [name, target] of Object.entries(contenders)) await expectOk(name, target);

    for (const inFlight of [1, 32]) {
      progress(`completions: ${OPS} chat calls per contender, ${inFlight} in flight, alternating rounds`);
      const stats = await sideBySide(
        Object.fromEntries(Object.entries(contenders).map(([name, target]) => [name, () => call(target, CHAT)])),
        { ops: OPS, concurrency: inFlight, warmup: 300 },
      );
      for (const [name, s] of Object.entries(stats)) rows.push(row(`${name}: chat, ${inFlight} in flight`, s, name === 'direct' ? undefined : stats.direct));
    }

    progress(`completions: ${STREAMS} streamed chats per contender (time to first byte)`);
    // Portkey's gateway 1.15.2 on Node answers every streamed call with a failure (its
    // Portkey-AI/gateway#1389 / #1550: it appends headers to fetch's immutable response headers).
    const streaming: Record<string, Target> = {};
    for (const [name, target] of Object.entries(contenders)) {
      const works = await streamCall(target).then(
        () => true,
        (error: Error) => (rows.push({ suite: 'completions', case: `${name}: stream, time to first byte`, note: `not measured: a streamed call fails (${error.message})` }), false),
      );
      if (works) streaming[name] = target;
    }
    const ttfb: Record<string, number[]> = Object.fromEntries(Object.keys(streaming).map((n) => [n, []]));
    const total: Record<string, number[]> = Object.fromEntries(Object.keys(streaming).map((n) => [n, []]));
    for (let round = 0; round < 5; round++) {
      for (const [name, target] of Object.entries(streaming)) {
        await run(async () => {
          const t = await streamCall(target);
          ttfb[name]!.push(t.firstByteMs);
          total[name]!.push(t.totalMs);
        }, Math.ceil(STREAMS / 5));
      }
    }
    for (const name of Object.keys(streaming)) {
      const first = summarise(ttfb[name]!, 1);
      const whole = summarise(total[name]!, 1);
      rows.push({
        suite: 'completions',
        case: `${name}: stream, time to first byte`,
        ops: first.ops,
        p50Ms: first.p50Ms,
        p95Ms: first.p95Ms,
        p99Ms: first.p99Ms,
        note: `whole stream p50 ${whole.p50Ms.toFixed(1)} ms (upstream sends 10 chunks 2 ms apart)`,
      });
    }

    const memory: string[] = [];
    for (const app of ['gateway', ...SERVICE_APPS] as AppName[]) memory.push(`${app} ${apps.rssMb(app) ?? '?'} MB`);
    rows.push({ suite: 'completions', case: 'resident memory after the run: Portcullis processes', note: memory.join(', ') });
    if (portkey) rows.push({ suite: 'completions', case: 'resident memory after the run: Portkey gateway', note: `${rssMb(portkey.child.pid) ?? '?'} MB` });
    rows.push({ suite: 'completions', case: 'resident memory after the run: fake upstream', note: `${rssMb(upstream.child.pid) ?? '?'} MB` });
  } finally {
    await apps.stopAll();
    for (const child of children) child.kill('SIGTERM');
  }
  return rows;
}

function row(name: string, s: Stats, direct?: Stats): Row {
  return {
    suite: 'completions',
    case: name,
    ...s,
    ...(direct
      ? {
          addedP50Ms: +(s.p50Ms - direct.p50Ms).toFixed(3),
          addedP99Ms: +(s.p99Ms - direct.p99Ms).toFixed(3),
          note: `adds ${(s.p50Ms - direct.p50Ms).toFixed(2)} ms p50 / ${(s.p99Ms - direct.p99Ms).toFixed(2)} ms p99 over direct; ${(s.opsPerSec / direct.opsPerSec).toFixed(2)}× direct's requests/s`,
        }
      : {}),
  };
}

/** A workspace, a completions key, a virtual key to the fake upstream, and a fallback config. */
async function provision(api: string, adminKey: string, upstreamPort: number): Promise<{ key: string; virtualKey: string; config: string }> {
  const admin = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${api}${path}`, { method, headers: { 'x-portkey-api-key': adminKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const ws = await admin('POST', '/admin/workspaces', { name: 'completions bench' });
  const key = await admin('POST', '/api-keys/workspace/service', { name: 'bench', scopes: ['completions.write'], workspace_id: ws.id });
  const customHost = `http://127.0.0.1:${upstreamPort}/v1`;
  const vk = await admin('POST', '/virtual-keys', { name: 'bench upstream', provider: 'openai', key: 'sk-bench-upstream-secret', custom_host: customHost, workspace_id: ws.id });
  const spare = await admin('POST', '/virtual-keys', { name: 'bench spare', provider: 'openai', key: 'sk-bench-spare-secret', custom_host: customHost, workspace_id: ws.id });
  const config = await admin('POST', '/configs', {
    name: 'bench fallback',
    workspace_id: ws.id,
    config: { strategy: { mode: 'fallback', on_status_codes: [429, 500, 502, 503] }, targets: [{ virtual_key: vk.slug }, { virtual_key: spare.slug }] },
  });
  return { key: String(key.key), virtualKey: String(vk.slug), config: String(config.slug) };
}

/** Installs `@portkey-ai/gateway` into bench/.portkey-gateway (once) and starts it on a free port. */
async function startPortkeyGateway(root: string, children: ChildProcess[]): Promise<{ port: number; child: ChildProcess }> {
  const dir = join(root, 'bench', '.portkey-gateway');
  const entry = join(dir, 'node_modules', '@portkey-ai', 'gateway', 'build', 'start-server.js');
  if (!existsSync(entry)) {
    progress(`completions: installing @portkey-ai/gateway@${PORTKEY_GATEWAY} into bench/.portkey-gateway`);
    mkdirSync(dir, { recursive: true });
    // @hono/node-server after 1.14.2 breaks its responses (Portkey-AI/gateway#1389): pin it.
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, dependencies: { '@portkey-ai/gateway': PORTKEY_GATEWAY }, overrides: { '@hono/node-server': '1.14.2' } }));
    const npm = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
    if (npm.status !== 0 || !existsSync(entry)) throw new Error(`npm could not install @portkey-ai/gateway@${PORTKEY_GATEWAY}: ${(npm.stderr ?? '').trim().split('\n').slice(-3).join(' ')}`);
  }
  const port = await freePort();
  const child = spawn(process.execPath, [entry, `--port=${port}`], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: String(port) } });
  children.push(child);
  child.stdout!.resume();
  child.stderr!.resume();
  await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/`).catch(() => null)) !== null, 30_000, () => 'Portkey gateway did not listen');
  return { port, child };
}

function call(target: Target, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: target.port, path: target.path, method: 'POST', agent, headers: { ...target.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${target.path} on ${target.port}: ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function streamCall(target: Target): Promise<{ firstByteMs: number; totalMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let first = 0;
    const req = request({ host: '127.0.0.1', port: target.port, path: target.path, method: 'POST', agent, headers: { ...target.headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(CHAT_STREAM) } }, (res) => {
      const type = String(res.headers['content-type'] ?? '');
      if (res.statusCode !== 200 || !type.startsWith('text/event-stream')) {
        res.resume();
        return reject(new Error(`status ${res.statusCode}, content-type ${type || 'none'}`));
      }
      res.on('data', () => (first ||= performance.now()));
      res.on('end', () => resolve({ firstByteMs: first - started, totalMs: performance.now() - started }));
    });
    req.on('error', reject);
    req.end(CHAT_STREAM);
  });
}

async function expectOk(name: string, target: Target): Promise<void> {
  await call(target, CHAT).catch((error: Error) => {
    throw new Error(`completions bench: ${name} does not answer a chat call: ${error.message}`);
  });
}

async function startChild(cmd: string, args: string[], env: Record<string, string>, children: ChildProcess[]): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  children.push(child);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)));
  });
  return { port: Number(line), child };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, why: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out: ${why()}`);
}

function rssMb(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024);
  } catch {
    return undefined;
  }
}
