#!/usr/bin/env node
// `npm run bench`: build, start a private nats-server and database, run the benchmark suites
// side by side, print the table and write bench/results/latest.json.
// BENCH_ONLY=rpc,event-store,… selects suites.
import { spawn } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild, ensureDependencies } from './lib/deps.mjs';
import { log, warn } from './lib/log.mjs';
import { startPrivateInfra } from './lib/private-infra.mjs';
import { NATS_MAX_PAYLOAD } from './lib/infra.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let infra;

async function main() {
  ensureDependencies(root);
  ensureBuild(root);
  infra = await startPrivateInfra(root, 'bench');
  log(`bench infrastructure: ${infra.natsUrl}, ${infra.mongoUrl} (${infra.dbChoice.kind})`);
  const child = spawn(process.execPath, ['--enable-source-maps', '--expose-gc', join(root, 'dist', 'bench', 'src', 'main.js')], {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NO_COLOR: '1',
      NATS_URL: infra.natsUrl,
      PORTCULLIS_NATS_MAX_PAYLOAD: String(NATS_MAX_PAYLOAD),
      MONGO_URL: infra.mongoUrl,
      PORTCULLIS_DB_KIND: infra.dbChoice.kind,
      PORTCULLIS_NATS_SERVER_BIN: infra.natsBin,
      PORTCULLIS_ROOT: root,
      // In-process stacks of the benchmarks keep their subjects, stream and databases apart.
      PORTCULLIS_NAMESPACE: `bench${Date.now().toString(36)}`,
    },
  });
  return new Promise((r) => child.once('exit', (code) => r(code ?? 1)));
}

main()
  .then(async (code) => {
    await infra?.teardown();
    process.exit(code);
  })
  .catch(async (error) => {
    warn(error.portcullisFatal ? error.message : (error.stack ?? String(error)));
    await infra?.teardown();
    process.exit(1);
  });
