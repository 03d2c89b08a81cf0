import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { handleCommand, type EventMetadata, type EventStore } from '#libs/event-store';
import {
  dataKeyDecider,
  dataKeyStream,
  generateMasterKeyText,
  loadMasterKeys,
  masterKey,
  masterKeySource,
  NEXT_MASTER_KEY_FILE,
  promoteNextMasterKey,
  unwrapWith,
  wrapDataKey,
  writeSecretFile,
  type MasterKey,
} from '#libs/secrets';
import type { CliCommand } from '../commands.js';
import { parseArgs } from '../shared/args.js';
import { withInfra } from '../shared/infra.js';
import { Progress } from '../shared/progress.js';
import { readDataKeys, type StoredDataKey } from './data-keys.js';

const STRAGGLER_PASSES = 5;

/**
 * `portcullis keys rewrap [--new-key-file F]`: rotates the master key. Every organisation's data
 * key is unwrapped with the current master key and wrapped again with the new one; the data keys
 * themselves, and so every sealed provider secret, stay as they are.
 *
 * Nothing is appended until every data key has opened with the current key: a wrong master key
 * fails loudly and changes nothing. Each re-wrap is an audited event (`data_keys` / `rotate`)
 * naming the operator. Re-running resumes: keys already under the new master key are skipped.
 *
 * File mode (no PORTCULLIS_MASTER_KEY): the new key (generated unless given) is written to
 * `<data dir>/master-key.next` first, which running keys services already accept, and replaces
 * `master-key` at the end. Env mode: name the new key (PORTCULLIS_NEW_MASTER_KEY or
 * --new-key-file), then set PORTCULLIS_MASTER_KEY to it on every keys replica and restart them.
 */
export const keysRewrapCommand: CliCommand = {
  name: 'keys rewrap',
  summary: 'rotate the master key: re-wrap every data key under a new one (secrets are not re-encrypted)',
  async run(args) {
    const { values } = parseArgs(args, { values: ['new-key-file'] });
    return withInfra(async ({ config, store }) => {
      const source = masterKeySource(config);
      const { current, next } = loadMasterKeys(source, { create: false });
      if (!current) throw new Error(`no master key: PORTCULLIS_MASTER_KEY is unset and ${join(config.dataDir, 'master-key')} does not exist (nothing was ever sealed here)`);
      const fresh = chooseNewKey(values['new-key-file'], source.kind, next);
      if (fresh.key.id === current.id) throw new Error(`the new master key is the current one (${current.id})`);
      const operator = `${userInfo().username}@${hostname()}`;
      const runId = `cli-rewrap-${randomUUID()}`;

      const keys = await readDataKeys(store);
      const plan = verify(keys, current, fresh.key);
      process.stderr.write(`master key ${current.id} → ${fresh.key.id}: ${plan.todo.length} data key(s) to re-wrap, ${plan.done} already under the new key\n`);

      if (source.kind === 'file' && !next) writeSecretFile(join(config.dataDir, NEXT_MASTER_KEY_FILE), fresh.text);
      let rewrapped = 0;
      let todo = plan.todo;
      for (let pass = 0; todo.length && pass < STRAGGLER_PASSES; pass++) {
        const progress = new Progress('re-wrapping data keys', todo.length, 'data keys');
        for (const { stored, dataKey } of todo) {
          await rewrapOne(store, stored, dataKey, current, fresh.key, { operator, runId });
          progress.update(++rewrapped);
        }
        progress.finish(rewrapped);
        // Data keys created while this ran (by a service still on the old key) get their turn.
        todo = verify(await readDataKeys(store), current, fresh.key).todo;
      }
      if (todo.length) throw new Error(`${todo.length} data key(s) were still created under ${current.id} after ${STRAGGLER_PASSES} passes; run the command again`);
      if (source.kind === 'file') promoteNextMasterKey(config.dataDir);
      process.stdout.write(`re-wrapped ${rewrapped} data key(s) from ${current.id} to ${fresh.key.id}; ${plan.done} were already under it; no secret was re-encrypted\n`);
      if (source.kind === 'env') {
        process.stdout.write(`now set PORTCULLIS_MASTER_KEY to the new key (${fresh.key.id}) on every keys replica and restart them\n`);
      } else {
        process.stdout.write(`${join(config.dataDir, 'master-key')} now holds the new key; replicas on other machines need it too\n`);
      }
      return 0;
    });
  },
};

function chooseNewKey(file: string | undefined, mode: 'env' | 'file', next: MasterKey | null): { key: MasterKey; text: string } {
  const given = file ? readFileSync(file, 'utf8').trim() : process.env.PORTCULLIS_NEW_MASTER_KEY?.trim();
  if (given) {
    const key = masterKey(given, file ?? 'PORTCULLIS_NEW_MASTER_KEY');
    if (next && next.id !== key.id) throw new Error(`an unfinished rotation to ${next.id} is under way (${NEXT_MASTER_KEY_FILE}); finish it first (run without a new key)`);
    return { key, text: given };
  }
  // An interrupted file-mode rotation resumes with the key it had chosen.
  if (next) return { key: next, text: '' };
  if (mode === 'env') throw new Error('PORTCULLIS_MASTER_KEY is set: name the new key with PORTCULLIS_NEW_MASTER_KEY or --new-key-file');
  const text = generateMasterKeyText();
  return { key: masterKey(text, 'generated'), text };
}

/** Opens every data key not yet under `fresh` with `current`; any failure throws before anything is written. */
function verify(keys: StoredDataKey[], current: MasterKey, fresh: MasterKey) {
  const todo: Array<{ stored: StoredDataKey; dataKey: Buffer }> = [];
  let done = 0;
  for (const stored of keys) {
    if (stored.key.masterKeyId === fresh.id) {
      done++;
      continue;
    }
    todo.push({ stored, dataKey: unwrapWith([current], stored.key) });
  }
  return { todo, done };
}

async function rewrapOne(store: EventStore, stored: StoredDataKey, dataKey: Buffer, current: MasterKey, fresh: MasterKey, run: { operator: string; runId: string }) {
  const { orgId, keyId } = stored.key;
  const at = new Date().toISOString();
  const requestId = `${run.runId}:${orgId}`;
  const metadata: EventMetadata = {
    orgId,
    workspaceId: null,
    // The operator who ran the command: the audit log names them.
    actor: { type: 'user', id: `operator:${run.operator}` },
    requestId,
    correlationId: run.runId,
    causationId: run.runId,
    occurredAt: at,
    http: { method: 'CLI', uri: 'portcullis keys rewrap', queryParams: {}, headers: {}, body: { from: current.id, to: fresh.id } },
    audit: { resourceType: 'data_keys', action: 'rotate', resourceId: keyId },
  };
  await handleCommand(
    store,
    dataKeyStream(orgId),
    dataKeyDecider,
    { type: 'RewrapDataKey', orgId, wrapped: wrapDataKey(fresh, dataKey, orgId, keyId), masterKeyId: fresh.id, expectedMasterKeyId: current.id, at },
    { metadata },
  );
}

