import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { waitForPort } from './ports.mjs';

/**
 * The largest message the nats-server we start takes (NATS's default is 1 MiB): a page of 1,000
 * workspace members with their scopes is more. Services read it from PORTCULLIS_NATS_MAX_PAYLOAD
 * and refuse a larger reply with a clear error instead of a timeout.
 */
export const NATS_MAX_PAYLOAD = 8 * 1024 * 1024;

/**
 * Starts nats-server with JetStream on loopback. `stdio` is a function that wires the child's
 * output (prefixed logs under the supervisor, a file under the test runner).
 */
export async function startNats({ bin, port, dataDir, wire }) {
  const storeDir = join(dataDir, 'nats');
  mkdirSync(storeDir, { recursive: true });
  const conf = join(dataDir, 'nats.conf');
  writeFileSync(conf, `max_payload: ${NATS_MAX_PAYLOAD}\n`);
  const child = spawn(bin, ['-c', conf, '-js', '-sd', storeDir, '-a', '127.0.0.1', '-p', String(port), '-n', 'portcullis'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  wire?.(child);
  await waitForPort(port, { child, name: 'nats-server' });
  return { child, url: `nats://127.0.0.1:${port}` };
}

/** Starts the read-model database: FerretDB on SQLite, or a local mongod. */
export async function startDatabase({ choice, port, dataDir, wire }) {
  if (choice.kind === 'url') return { child: undefined, url: choice.url };
  const dir = join(dataDir, choice.kind);
  mkdirSync(dir, { recursive: true });
  const args =
    choice.kind === 'ferretdb'
      ? [
          '--handler=sqlite',
          `--sqlite-url=file:${dir}/`,
          `--listen-addr=127.0.0.1:${port}`,
          '--debug-addr=-',
          '--telemetry=disable',
          `--state-dir=${dir}`,
          '--log-level=warn',
        ]
      : ['--dbpath', dir, '--port', String(port), '--bind_ip', '127.0.0.1', '--quiet'];
  const child = spawn(choice.bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  wire?.(child);
  await waitForPort(port, { child, name: choice.kind });
  return { child, url: `mongodb://127.0.0.1:${port}/` };
}

/** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
export function stopChild(child, graceMs = 10_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
