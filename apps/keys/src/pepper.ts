import { loadOrCreateSecret, type PortcullisConfig } from '#libs/config';

export const KEY_PEPPER = Symbol('KEY_PEPPER');
export const KEYS_CONFIG = Symbol('KEYS_CONFIG');

/** The server pepper for key digests: PORTCULLIS_KEY_PEPPER, else `<data dir>/key-pepper`. */
export function loadPepper(config: PortcullisConfig): string {
  return loadOrCreateSecret(config.dataDir, 'key-pepper', config.keyPepper);
}
