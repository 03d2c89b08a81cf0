import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { eventually, freePort, portOpen, requireEnv } from '#libs/testing';

interface Stack {
  child: ChildProcess;
  ports: number[];
  gateway: number;
  output: () => string;
  exit: Promise<number | null>;
  dataDir: string;
}

/** Runs `npm start`'s script exactly as a user would, on free ports and a fresh data directory. */
async function startStack(): Promise<Stack> {
  const [nats, mongo, gateway] = [await freePort(), await freePort(), await freePort()];
  const dataDir = mkdtempSync(join(tmpdir(), 'portcullis-start-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${requireEnv('PORTCULLIS_BIN_PATH')}${delimiter}${process.env.PATH}`,
    PORTCULLIS_DATA_DIR: dataDir,
    PORTCULLIS_NATS_PORT: String(nats),
    PORTCULLIS_MONGO_PORT: String(mongo),
    PORT: String(gateway),
  };
  delete env.NATS_URL;
  if (process.env.PORTCULLIS_DB_KIND !== 'url') delete env.MONGO_URL;
  const child = spawn(process.execPath, [join(requireEnv('PORTCULLIS_ROOT'), 'deploy', 'local', 'start.mjs')], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, ports: [nats, mongo, gateway], gateway, output: () => output, exit, dataDir };
}

async function healthy(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/v1/health`).catch(() => undefined);
  if (response?.status !== 200) return false;
  const body = (await response.json()) as { status: string; services: Record<string, string> };
  return body.status === 'ok' && Object.keys(body.services).length === 5;
}

function childrenOf(pid: number): number[] {
  try {
    return execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .map((s) => Number(s.trim()))
      .filter(Boolean);
  } catch {
    return [];
  }
}

describe('npm start (the local supervisor)', () => {
  it('brings every service up so /v1/health turns 200, and SIGINT stops every child leaving no listening port', async () => {
    const stack = await startStack();
    try {
      const early = await fetch(`http://127.0.0.1:${stack.gateway}/v1/health`).catch(() => undefined);
      if (early) expect([200, 503]).toContain(early.status);
      await eventually(() => healthy(stack.gateway), { timeoutMs: 90_000, intervalMs: 250 });
      const children = childrenOf(stack.child.pid!);
      expect(children.length).toBeGreaterThanOrEqual(7);
      expect(stack.output()).toMatch(/\[gateway\]/);
      stack.child.kill('SIGINT');
      expect(await stack.exit).toBe(0);
      for (const port of stack.ports) expect(await portOpen(port)).toBe(false);
      for (const pid of children) expect(() => process.kill(pid, 0)).toThrow();
    } finally {
      stack.child.kill('SIGKILL');
      rmSync(stack.dataDir, { recursive: true, force: true });
    }
  }, 150_000);

  it('when an app dies, the supervisor stops everything and exits non-zero', async () => {
    const stack = await startStack();
    try {
      await eventually(() => healthy(stack.gateway), { timeoutMs: 90_000, intervalMs: 250 });
      const victim = execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(stack.child.pid)], { encoding: 'utf8' })
        .split('\n')
        .find((line) => line.includes(join('apps', 'keys', 'src', 'main.js')));
      expect(victim).toBeDefined();
      process.kill(Number(victim!.trim().split(/\s+/)[0]), 'SIGKILL');
      expect(await stack.exit).not.toBe(0);
      expect(stack.output()).toMatch(/keys exited unexpectedly/);
      for (const port of stack.ports) expect(await portOpen(port)).toBe(false);
    } finally {
      stack.child.kill('SIGKILL');
      rmSync(stack.dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
