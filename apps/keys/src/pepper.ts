import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PortcullisConfig } from '#libs/config';

export const KEY_PEPPER = Symbol('KEY_PEPPER');
export const KEYS_CONFIG = Symbol('KEYS_CONFIG');

/**
 * The server pepper for key digests: PORTCULLIS_KEY_PEPPER, else `<data dir>/key-pepper`,
 * generated (mode 0600) on first start. Replicas on other machines must share it: set the
 * variable in production.
 */
export function loadPepper(config: PortcullisConfig): string {
  if (config.keyPepper) return config.keyPepper;
  const file = join(config.dataDir, 'key-pepper');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.dataDir, { recursive: true });
  const pepper = randomBytes(32).toString('hex');
  try {
    writeFileSync(file, `${pepper}\n`, { mode: 0o600, flag: 'wx' });
  } catch {
    // Another replica wrote it first: use theirs.
    return readFileSync(file, 'utf8').trim();
  }
  chmodSync(file, 0o600);
  return pepper;
}
