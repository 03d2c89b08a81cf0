#!/usr/bin/env node
// `npm test`: install, build, type-check, provision, start a private nats-server and database on
// free ports in a temporary directory, run every jest project, tear everything down. The exit
// code is the verdict. Extra arguments go to jest (`npm test -- --selectProjects unit`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild, ensureDependencies } from './lib/deps.mjs';
import { log, warn } from './lib/log.mjs';
import { startPrivateInfra } from './lib/private-infra.mjs';
import { NATS_MAX_PAYLOAD } from './lib/infra.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let infra;
let jest;

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
  infra = await startPrivateInfra(root, 'test');
  const { natsUrl, mongoUrl, natsBin, dbChoice, tmp } = infra;
  log(`test infrastructure: ${natsUrl} (JetStream), ${mongoUrl} (${dbChoice.kind}), in ${tmp}`);

  jest = spawn(
    process.execPath,
    ['--experimental-vm-modules', '--no-warnings=ExperimentalWarning', join(root, 'node_modules', 'jest', 'bin', 'jest.js'), ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        NATS_URL: natsUrl,
        PORTCULLIS_NATS_MAX_PAYLOAD: String(NATS_MAX_PAYLOAD),
        MONGO_URL: mongoUrl,
        PORTCULLIS_NATS_SERVER_BIN: natsBin,
        // Tests that start the whole stack find the provisioned binaries here, not via go install.
        PORTCULLIS_BIN_PATH: [dirname(natsBin), ...(dbChoice.bin ? [dirname(dbChoice.bin)] : [])].join(delimiter),
        PORTCULLIS_DB_KIND: dbChoice.kind,
        PORTCULLIS_TEST_TMP: tmp,
        PORTCULLIS_ROOT: root,
        PORTCULLIS_FAILURE_SUMMARY: join(tmp, 'failures.txt'),
      },
    },
  );
  const code = await new Promise((r) => jest.once('exit', (c, signal) => r(c ?? (signal ? 1 : 0))));
  if (code !== 0) {
    for (const name of ['nats', 'database']) {
      const tail = infra.tail(name);
      if (tail) warn(`last lines of ${name}.log:\n${tail}`);
    }
    // Last, so a log cut to its tail still names what failed.
    const summary = join(tmp, 'failures.txt');
    if (existsSync(summary)) warn(`failed tests:\n${readFileSync(summary, 'utf8') || '(none reported: jest itself failed)'}`);
  }
  log(`tests ${code === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s`);
  return code;
}

async function teardown() {
  if (jest && jest.exitCode === null) jest.kill('SIGTERM');
  await infra?.teardown();
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await teardown();
    process.exit(130);
  });
}

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
