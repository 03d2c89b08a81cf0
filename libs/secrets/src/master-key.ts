import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { invalidMasterKey } from './errors.js';

export const MASTER_KEY_FILE = 'master-key';
/** Written by `portcullis keys rewrap` before it re-wraps anything, promoted when it is done. */
export const NEXT_MASTER_KEY_FILE = 'master-key.next';

/** A master key and its public id (a fingerprint: safe to store and print). */
export interface MasterKey {
  id: string;
  key: Buffer;
}

export interface MasterKeySource {
  /** `env`: PORTCULLIS_MASTER_KEY; `file`: `<data dir>/master-key`, generated on first start. */
  kind: 'env' | 'file';
  dataDir: string;
  configured?: string;
}

export function masterKeySource(config: { dataDir: string; masterKey?: string }): MasterKeySource {
  return config.masterKey ? { kind: 'env', dataDir: config.dataDir, configured: config.masterKey } : { kind: 'file', dataDir: config.dataDir };
}

/** 64 hex characters or base64 / base64url of exactly 32 bytes. */
export function parseMasterKey(text: string, origin: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes;
  }
  throw invalidMasterKey(origin);
}

export function masterKeyId(key: Buffer): string {
  return `mk_${createHash('sha256').update('portcullis master key id\n').update(key).digest('hex').slice(0, 16)}`;
}

export function masterKey(text: string, origin: string): MasterKey {
  const key = parseMasterKey(text, origin);
  return { id: masterKeyId(key), key };
}

export function generateMasterKeyText(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The master keys a process can use now: the current one and, while `keys rewrap` runs in file
 * mode, the next one. In file mode the current key is generated on first use when `create` is set
 * (the keys service does, like the key pepper); the CLI never creates one.
 */
export function loadMasterKeys(source: MasterKeySource, options: { create: boolean }): { current: MasterKey | null; next: MasterKey | null } {
  if (source.kind === 'env') return { current: masterKey(source.configured!, 'PORTCULLIS_MASTER_KEY'), next: null };
  const file = join(source.dataDir, MASTER_KEY_FILE);
  const nextFile = join(source.dataDir, NEXT_MASTER_KEY_FILE);
  const next = existsSync(nextFile) ? masterKey(readFileSync(nextFile, 'utf8'), nextFile) : null;
  if (existsSync(file)) return { current: masterKey(readFileSync(file, 'utf8'), file), next };
  if (!options.create) return { current: null, next };
  mkdirSync(source.dataDir, { recursive: true });
  try {
    writeSecretFile(file, generateMasterKeyText());
  } catch (error) {
    // Another process wrote it first: theirs is the key.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return { current: masterKey(readFileSync(file, 'utf8'), file), next };
}

/** A new file, mode 0600, flushed to disk before it is trusted; refuses to overwrite. */
export function writeSecretFile(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, `${text}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The end of a rotation in file mode: the next key becomes the key (atomic rename). */
export function promoteNextMasterKey(dataDir: string): void {
  renameSync(join(dataDir, NEXT_MASTER_KEY_FILE), join(dataDir, MASTER_KEY_FILE));
}
