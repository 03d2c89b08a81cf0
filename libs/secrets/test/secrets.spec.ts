import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import {
  dataKeyDecider,
  generateDataKey,
  maskSecret,
  masterKey,
  open,
  parseMasterKey,
  seal,
  secretAad,
  unwrapDataKey,
  unwrapWith,
  wrapDataKey,
} from '#libs/secrets';

const hex = 'ab'.repeat(32);
const other = 'cd'.repeat(32);

describe('secret envelopes (AES-256-GCM)', () => {
  it('a sealed secret opens only with its key and its AAD', () => {
    const key = generateDataKey();
    const box = seal(key, 'sk-live-1234567890', secretAad('org', 'int', 'key'));
    expect(box).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(box).not.toContain('sk-live');
    expect(open(key, box, secretAad('org', 'int', 'key'))!.toString()).toBe('sk-live-1234567890');
    expect(open(generateDataKey(), box, secretAad('org', 'int', 'key'))).toBeNull();
    expect(open(key, box, secretAad('org', 'other-integration', 'key'))).toBeNull();
    expect(open(key, `${box.slice(0, -2)}AA`, secretAad('org', 'int', 'key'))).toBeNull();
    expect(open(key, 'garbage', 'x')).toBeNull();
  });

  it('two seals of one secret differ (fresh IVs)', () => {
    const key = generateDataKey();
    expect(seal(key, 'same', 'a')).not.toBe(seal(key, 'same', 'a'));
  });

  it('a data key unwraps only under the master key that wrapped it; the ring refuses a wrong one loudly', () => {
    const master = masterKey(hex, 'test');
    const wrong = masterKey(other, 'test');
    const dataKey = generateDataKey();
    const wrapped = wrapDataKey(master, dataKey, 'org', 'k1');
    expect(unwrapDataKey(master, wrapped, 'org', 'k1')!.equals(dataKey)).toBe(true);
    expect(unwrapDataKey(wrong, wrapped, 'org', 'k1')).toBeNull();
    const state = { orgId: 'org', keyId: 'k1', wrapped, masterKeyId: master.id };
    expect(unwrapWith([master], state).equals(dataKey)).toBe(true);
    expect(() => unwrapWith([wrong], state)).toThrow(/wrapped by master key mk_[0-9a-f]{16}, but the configured master key is mk_/);
    // Same id, other bytes (a forged id): the box does not open.
    expect(() => unwrapWith([{ id: master.id, key: wrong.key }], state)).toThrow(/could not be decrypted/);
  });

  it('master keys are 32 bytes, hex or base64; ids are fingerprints, not the key', () => {
    expect(parseMasterKey(hex, 'x')).toHaveLength(32);
    expect(parseMasterKey(Buffer.alloc(32, 7).toString('base64'), 'x')).toHaveLength(32);
    expect(parseMasterKey(Buffer.alloc(32, 7).toString('base64url'), 'x')).toHaveLength(32);
    expect(() => parseMasterKey('too-short', 'PORTCULLIS_MASTER_KEY')).toThrow(/PORTCULLIS_MASTER_KEY must be 32 bytes/);
    const id = masterKey(hex, 'x').id;
    expect(id).toMatch(/^mk_[0-9a-f]{16}$/);
    expect(hex).not.toContain(id.slice(3));
  });

  it('masks keep at most 8 characters of long secrets and none of short ones', () => {
    expect(maskSecret('sk-abcdefghijklmnopqrstuvwxyz')).toBe('sk-a*****wxyz');
    expect(maskSecret('abcdefghijkl')).toBe('ab*****kl');
    expect(maskSecret('short')).toBe('*****');
    expect(maskSecret({ json: true })).toBe('*****');
  });
});

const created = { orgId: 'org', keyId: 'k1', wrapped: 'v1.a.b.c', masterKeyId: 'mk_old', at: 't0' };

describe('data key decider', () => {
  const spec = deciderSpec(dataKeyDecider);

  it('a data key is created once; a second creation appends nothing', () => {
    spec.given([]).when({ type: 'CreateDataKey', key: { orgId: 'org', keyId: 'k1', wrapped: 'v1.a.b.c', masterKeyId: 'mk_old' }, at: 't0' }).then([{ type: 'DataKeyCreated', data: created }]);
    spec
      .given([{ type: 'DataKeyCreated', data: created }])
      .when({ type: 'CreateDataKey', key: { orgId: 'org', keyId: 'k2', wrapped: 'v1.x.y.z', masterKeyId: 'mk_old' }, at: 't1' })
      .then([]);
  });

  it('re-wrapping records the new master key; re-running it is a no-op; a stale expectation is refused', () => {
    spec
      .given([{ type: 'DataKeyCreated', data: created }])
      .when({ type: 'RewrapDataKey', orgId: 'org', wrapped: 'v1.n.e.w', masterKeyId: 'mk_new', expectedMasterKeyId: 'mk_old', at: 't1' })
      .then([{ type: 'DataKeyRewrapped', data: { orgId: 'org', keyId: 'k1', wrapped: 'v1.n.e.w', masterKeyId: 'mk_new', previousMasterKeyId: 'mk_old', at: 't1' } }]);
    const rewrapped = { orgId: 'org', keyId: 'k1', wrapped: 'v1.n.e.w', masterKeyId: 'mk_new', previousMasterKeyId: 'mk_old', at: 't1' };
    spec
      .given([{ type: 'DataKeyCreated', data: created }, { type: 'DataKeyRewrapped', data: rewrapped }])
      .when({ type: 'RewrapDataKey', orgId: 'org', wrapped: 'v1.o.t.h', masterKeyId: 'mk_new', expectedMasterKeyId: 'mk_old', at: 't2' })
      .then([]);
    spec
      .given([{ type: 'DataKeyCreated', data: created }, { type: 'DataKeyRewrapped', data: rewrapped }])
      .when({ type: 'RewrapDataKey', orgId: 'org', wrapped: 'v1.o.t.h', masterKeyId: 'mk_third', expectedMasterKeyId: 'mk_old', at: 't2' })
      .thenThrows({ code: 'SECRETS.DATA_KEY_MOVED' });
  });
});
