import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startDatabase, startNats, stopChild } from './infra.mjs';
import { freePort } from './ports.mjs';
import { chooseDatabase, ensureNatsServer } from './provision.mjs';

/**
 * A throwaway nats-server and read-model database on free ports in a temporary directory,
 * for the test runner and the benchmarks. Logs go to files there.
 */
export async function startPrivateInfra(root, label) {
  const binDir = join(resolve(root, process.env.PORTCULLIS_DATA_DIR ?? '.data'), 'bin');
  const natsBin = ensureNatsServer(binDir);
  const dbChoice = chooseDatabase(binDir);
  const tmp = mkdtempSync(join(tmpdir(), `portcullis-${label}-`));
  const children = [];
  const logTo = (name) => (child) => {
    const file = createWriteStream(join(tmp, `${name}.log`));
    child.stdout.pipe(file);
    child.stderr.pipe(file);
  };
  const teardown = async () => {
    for (const child of children.reverse()) await stopChild(child, 5000);
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    const nats = await startNats({ bin: natsBin, port: await freePort(), dataDir: tmp, wire: logTo('nats') });
    children.push(nats.child);
    const db = await startDatabase({ choice: dbChoice, port: await freePort(), dataDir: tmp, wire: logTo('database') });
    if (db.child) children.push(db.child);
    const tail = (name) => {
      try {
        return readFileSync(join(tmp, `${name}.log`), 'utf8').trim().split('\n').slice(-15).join('\n');
      } catch {
        return '';
      }
    };
    return { tmp, natsBin, dbChoice, natsUrl: nats.url, mongoUrl: db.url, children, teardown, tail };
  } catch (error) {
    await teardown();
    throw error;
  }
}
