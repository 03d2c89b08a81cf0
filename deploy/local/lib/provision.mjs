import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fail, log, warn } from './log.mjs';

export const NATS_SERVER_MODULE = 'github.com/nats-io/nats-server/v2';
export const NATS_SERVER_VERSION = 'v2.14.9';
export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const FERRETDB_VERSION = 'v1.24.2';

export function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, name);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}`, error: result.error };
}

function requireGo(tool) {
  const go = which('go');
  if (!go) {
    throw fail(
      `${tool} is not installed and Go is missing, so it cannot be built. Install Go (https://go.dev/dl/) ` +
        `or put ${tool} on PATH${tool === 'ferretdb' ? ', or set MONGO_URL to a MongoDB server' : ''}.`,
    );
  }
  return go;
}

/**
 * nats-server: PATH, then <data>/bin, then `go install` of the pinned release, then Debian's
 * package as a fallback. Fails naming the tool and how to install it.
 */
export function ensureNatsServer(binDir) {
  const found = which('nats-server') ?? existingFile(join(binDir, 'nats-server'));
  if (found) return found;
  mkdirSync(binDir, { recursive: true });
  log(`installing nats-server ${NATS_SERVER_VERSION} with go install (one-off, ~1 min) …`);
  if (which('go')) {
    const result = run('go', ['install', `${NATS_SERVER_MODULE}@${NATS_SERVER_VERSION}`], {
      env: { ...process.env, GOBIN: binDir, GOFLAGS: '-buildvcs=false' },
    });
    if (result.ok && existsSync(join(binDir, 'nats-server'))) return join(binDir, 'nats-server');
    warn(`go install of nats-server failed:\n${result.output.trim().split('\n').slice(-5).join('\n')}`);
  }
  if (which('apt-get') && process.getuid?.() === 0) {
    log("trying Debian's nats-server package …");
    const apt = run('apt-get', ['install', '-y', '-q', 'nats-server'], { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const installed = which('nats-server');
    if (apt.ok && installed) return installed;
  }
  requireGo('nats-server');
  throw fail(
    `nats-server could not be installed. Install it with \`go install ${NATS_SERVER_MODULE}@${NATS_SERVER_VERSION}\` ` +
      "(or Debian's `apt-get install nats-server`) and put it on PATH.",
  );
}

/**
 * FerretDB (MongoDB wire protocol on SQLite): PATH, then <data>/bin, then `go install`. The
 * module proxy cannot always serve FerretDB's version list, and FerretDB refuses to start without
 * its generated version file, so when plain `go install` fails we build the downloaded module
 * with that file written in.
 */
export function ensureFerretDb(binDir) {
  const found = which('ferretdb') ?? existingFile(join(binDir, 'ferretdb'));
  if (found) return found;
  mkdirSync(binDir, { recursive: true });
  const target = join(binDir, 'ferretdb');
  requireGo('ferretdb');
  log(`installing FerretDB ${FERRETDB_VERSION} with go (one-off, ~1–2 min) …`);
  const env = { ...process.env, GOBIN: binDir, GOFLAGS: '-buildvcs=false' };
  const direct = run('go', ['install', `${FERRETDB_MODULE}/cmd/ferretdb@${FERRETDB_VERSION}`], { env });
  if (direct.ok && existsSync(target) && run(target, ['--version']).ok) return target;
  const download = run('go', ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`], { env });
  if (!download.ok) {
    throw fail(`FerretDB could not be downloaded from the Go module proxy:\n${download.output.trim()}\n` +
      'Install ferretdb (or mongod) on PATH, or set MONGO_URL.');
  }
  const { Dir } = JSON.parse(download.output.slice(download.output.indexOf('{')));
  const work = mkdtempSync(join(tmpdir(), 'portcullis-ferretdb-'));
  try {
    cpSync(Dir, work, { recursive: true });
    chmodRecursive(work);
    writeFileSync(join(work, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    const build = run('go', ['build', '-o', target, './cmd/ferretdb'], { cwd: work, env });
    if (!build.ok) throw fail(`building FerretDB failed:\n${build.output.trim().split('\n').slice(-10).join('\n')}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return target;
}

/** The read-model database: MONGO_URL, else a local mongod, else FerretDB (installed when needed). */
export function chooseDatabase(binDir, env = process.env) {
  if (env.MONGO_URL) return { kind: 'url', url: env.MONGO_URL };
  const mongod = which('mongod');
  if (mongod) return { kind: 'mongod', bin: mongod };
  return { kind: 'ferretdb', bin: ensureFerretDb(binDir) };
}

function existingFile(path) {
  return existsSync(path) ? path : undefined;
}

function chmodRecursive(dir) {
  run('chmod', ['-R', 'u+w', dir]);
  chmodSync(dir, 0o755);
}
