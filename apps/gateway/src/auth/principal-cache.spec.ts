import { describe, expect, it } from '@jest/globals';
import type { VerifiedKey } from '#libs/contracts';
import { PrincipalCache } from './principal-cache.js';

const principal = (over: Partial<VerifiedKey> = {}): VerifiedKey => ({
  keyId: 'k1',
  keyType: 'workspace-user',
  orgId: 'o1',
  workspaceId: 'w1',
  userId: 'u1',
  scopes: ['workspaces.read'],
  orgRole: 'member',
  workspaceRole: 'member',
  expiresAt: null,
  status: 'active',
  ...over,
});

describe('PrincipalCache', () => {
  it('evicts by key, by user and by workspace', () => {
    const cache = new PrincipalCache();
    cache.set('h1', principal(), cache.generation);
    cache.set('h2', principal({ keyId: 'k2', userId: 'u2', workspaceId: 'w2' }), cache.generation);
    cache.invalidateKey('k1');
    expect(cache.get('h1')).toBeUndefined();
    expect(cache.get('h2')).toBeDefined();
    cache.set('h1', principal(), cache.generation);
    cache.invalidateUser('u1');
    expect(cache.get('h1')).toBeUndefined();
    cache.invalidateWorkspace('w2');
    expect(cache.get('h2')).toBeUndefined();
  });

  it('a verification in flight during an invalidation does not cache its stale answer', () => {
    const cache = new PrincipalCache();
    const before = cache.generation;
    cache.invalidateKey('k1');
    cache.set('h1', principal(), before);
    expect(cache.get('h1')).toBeUndefined();
  });

  it('unknown keys are refused from the cache for a short, bounded time only', () => {
    const cache = new PrincipalCache({ negativeTtlMs: 1000, maxNegative: 2 });
    cache.rememberBad('x', cache.generation, 0);
    expect(cache.isKnownBad('x', 500)).toBe(true);
    expect(cache.isKnownBad('x', 1500)).toBe(false);
    cache.rememberBad('a', cache.generation, 0);
    cache.rememberBad('b', cache.generation, 0);
    cache.rememberBad('c', cache.generation, 0);
    expect(cache.isKnownBad('a', 1)).toBe(false);
  });

  it('creating or rotating a key clears the negative cache, so a valid key is never refused by it', () => {
    const cache = new PrincipalCache();
    cache.rememberBad('h-new', cache.generation);
    cache.forgetBad();
    expect(cache.isKnownBad('h-new')).toBe(false);
  });

  it('is bounded', () => {
    const cache = new PrincipalCache({ maxEntries: 2 });
    for (const h of ['a', 'b', 'c']) cache.set(h, principal({ keyId: h }), cache.generation);
    expect(cache.size).toBe(2);
    expect(cache.get('a')).toBeUndefined();
  });
});
