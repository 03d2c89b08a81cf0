#!/usr/bin/env node
// `npm test`: install, build, type-check, provision, start a private nats-server and database on
// free ports in a temporary directory, run every jest project, tear everything down. The exit
// code is the verdict. Extra arguments go to jest (`npm test -- --selectProjects unit`).
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild, ensureDependencies } from './lib/deps.mjs';
import { startDatabase, startNats, stopChild } from './lib/infra.mjs';
import { log, warn } from './lib/log.mjs';
import { freePort } from './lib/ports.mjs';
import { chooseDatabase, ensureNatsServer } from './lib/provision.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const children = [];
let tmp;

async function main() {
  const started = Date.now();
  ensureDependencies(root);
  ensureBuild(root);
  if (!process.env.PORTCULLIS_SKIP_TYPECHECK) {
    log('type-checking (tsc --noEmit) …');
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json', '--noEmit'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (tsc.status !== 0) return 1;
  }

  const binDir = join(resolve(root, process.env.PORTCULLIS_DATA_DIR ?? '.data'), 'bin');
  const natsBin = ensureNatsServer(binDir);
  const dbChoice = chooseDatabase(binDir);
  tmp = mkdtempSync(join(tmpdir(), 'portcullis-test-'));
  const logTo = (name) => (child) => {
    const file = createWriteStream(join(tmp, `${name}.log`));
    child.stdout.pipe(file);
    child.stderr.pipe(file);
  };
  const nats = await startNats({ bin: natsBin, port: await freePort(), dataDir: tmp, wire: logTo('nats') });
  children.push(nats.child);
  const db = await startDatabase({ choice: dbChoice, port: await freePort(), dataDir: tmp, wire: logTo('database') });
  if (db.child) children.push(db.child);
  log(`test infrastructure: ${nats.url} (JetStream), ${db.url} (${dbChoice.kind}), in ${tmp}`);

  const jest = spawn(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NATS_URL: nats.url,
        MONGO_URL: db.url,
        PORTCULLIS_NATS_SERVER_BIN: natsBin,
        // Tests that start the whole stack find the provisioned binaries here, not via go install.
        PORTCULLIS_BIN_PATH: [dirname(natsBin), ...(dbChoice.bin ? [dirname(dbChoice.bin)] : [])].join(delimiter),
        PORTCULLIS_DB_KIND: dbChoice.kind,
        PORTCULLIS_TEST_TMP: tmp,
        PORTCULLIS_ROOT: root,
      },
    },
  );
  children.push(jest);
  const code = await new Promise((r) => jest.once('exit', (c, signal) => r(c ?? (signal ? 1 : 0))));
  if (code !== 0) {
    for (const name of ['nats', 'database']) {
      const tail = safeTail(join(tmp, `${name}.log`));
      if (tail) warn(`last lines of ${name}.log:\n${tail}`);
    }
  }
  log(`tests ${code === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
  return code;
}

function safeTail(path) {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

async function teardown() {
  for (const child of children.reverse()) await stopChild(child, 5000);
  if (tmp) rmSync(tmp, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await teardown();
    process.exit(130);
  });
}

mkdirSync(join(root, '.data'), { recursive: true });
main()
  .then(async (code) => {
    await teardown();
    process.exit(code);
  })
  .catch(async (error) => {
    warn(error.portcullisFatal ? error.message : (error.stack ?? String(error)));
    await teardown();
    process.exit(1);
  });
