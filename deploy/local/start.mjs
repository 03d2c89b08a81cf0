#!/usr/bin/env node
// `npm start`: install, build, provision nats-server and the read-model database, then run every
// app under one supervisor. See README.md for the environment variables.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild, ensureDependencies } from './lib/deps.mjs';
import { NATS_MAX_PAYLOAD, startDatabase, startNats } from './lib/infra.mjs';
import { log, warn } from './lib/log.mjs';
import { portOpen } from './lib/ports.mjs';
import { chooseDatabase, ensureNatsServer } from './lib/provision.mjs';
import { prefixed, Supervisor } from './lib/supervisor.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const APPS = ['identity', 'workspaces', 'keys', 'analytics', 'audit', 'gateway'];

const supervisor = new Supervisor();

async function main() {
  const dataDir = resolve(root, process.env.PORTCULLIS_DATA_DIR ?? '.data');
  mkdirSync(dataDir, { recursive: true });
  ensureDependencies(root);
  ensureBuild(root);

  supervisor.installSignalHandlers();
  const binDir = join(dataDir, 'bin');

  let natsUrl = process.env.NATS_URL;
  // Our nats-server takes larger messages than NATS's default; a server given by NATS_URL keeps its own limit.
  let natsMaxPayload = process.env.PORTCULLIS_NATS_MAX_PAYLOAD;
  if (!natsUrl) {
    natsMaxPayload ??= String(NATS_MAX_PAYLOAD);
    const port = Number(process.env.PORTCULLIS_NATS_PORT ?? 4222);
    await assertFree(port, 'nats-server', 'PORTCULLIS_NATS_PORT (or point NATS_URL at a running server)');
    const nats = await startNats({ bin: ensureNatsServer(binDir), port, dataDir, wire: prefixed('nats', 0) });
    supervisor.addInfra('nats-server', nats.child);
    natsUrl = nats.url;
    log(`nats-server (JetStream) on ${natsUrl}`);
  }

  let mongoUrl = process.env.MONGO_URL;
  if (!mongoUrl) {
    const choice = chooseDatabase(binDir);
    const port = Number(process.env.PORTCULLIS_MONGO_PORT ?? 27017);
    await assertFree(port, choice.kind, 'PORTCULLIS_MONGO_PORT (or point MONGO_URL at a running server)');
    const db = await startDatabase({ choice, port, dataDir, wire: prefixed(choice.kind === 'ferretdb' ? 'ferretdb' : 'mongod', 1) });
    supervisor.addInfra(choice.kind, db.child);
    mongoUrl = db.url;
    log(`${choice.kind} (read models) on ${mongoUrl}`);
  }

  const env = {
    NATS_URL: natsUrl,
    ...(natsMaxPayload ? { PORTCULLIS_NATS_MAX_PAYLOAD: natsMaxPayload } : {}),
    MONGO_URL: mongoUrl,
    PORTCULLIS_DATA_DIR: dataDir,
    PORT: process.env.PORT ?? '8787',
  };
  for (const app of APPS) {
    const script = join(root, 'dist', 'apps', app, 'src', 'main.js');
    if (!existsSync(script)) throw new Error(`${script} is missing: the build did not produce it`);
    supervisor.startApp(app, script, env);
  }
  log(`gateway on http://127.0.0.1:${env.PORT}/v1 — health at /v1/health; Ctrl-C stops everything`);
}

async function assertFree(port, what, hint) {
  if (await portOpen(port)) {
    throw new Error(`port ${port} is already in use, so ${what} cannot start there; set ${hint}`);
  }
}

main().catch(async (error) => {
  warn(error.portcullisFatal ? error.message : (error.stack ?? String(error)));
  supervisor.exitCode = 1;
  await supervisor.shutdown();
});
