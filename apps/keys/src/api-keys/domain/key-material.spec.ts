import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { generateKey, keyDigest, maskKey, parseKey } from './key-material.js';

describe('API key material', () => {
  it('carries its id and a valid checksum, with at least 128 random bits', () => {
    const id = randomUUID();
    const key = generateKey('workspace-user', id);
    expect(key).toMatch(/^pc_wsu_[0-9a-f]{32}_[0-9a-f]{56}$/);
    expect(parseKey(key)).toEqual({ format: 'portcullis', keyId: id, checksumOk: true });
    expect(generateKey('workspace-user', id)).not.toBe(key);
  });

  it('a mistyped key fails its checksum, so it is refused without a lookup', () => {
    const key = generateKey('organisation-service', randomUUID());
    const typo = `${key.slice(0, 20)}${key[20] === 'a' ? 'b' : 'a'}${key.slice(21)}`;
    expect(parseKey(typo)).toMatchObject({ format: 'portcullis', checksumOk: false });
    expect(parseKey('pc_org_nonsense')).toEqual({ format: 'invalid' });
    expect(parseKey('short')).toEqual({ format: 'invalid' });
  });

  it('accepts an operator-chosen bootstrap key of 32+ safe characters', () => {
    expect(parseKey('A'.repeat(32))).toEqual({ format: 'custom' });
    expect(parseKey(`${'A'.repeat(31)}!`)).toEqual({ format: 'invalid' });
  });

  it('stores a peppered digest and shows a mask that does not reveal the secret', () => {
    const key = generateKey('workspace-service', randomUUID());
    expect(keyDigest('pepper-1', key)).not.toBe(keyDigest('pepper-2', key));
    expect(keyDigest('pepper-1', key)).toMatch(/^[0-9a-f]{64}$/);
    expect(maskKey(key)).toMatch(/^pc_wss_\*{5}[0-9a-f]{4}$/);
  });
});
