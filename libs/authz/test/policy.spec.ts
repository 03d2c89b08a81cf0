import { describe, expect, it } from '@jest/globals';
import {
  ALL_SCOPES,
  can,
  canAddScopes,
  canGrantKey,
  canGrantOrgRole,
  canGrantWorkspaceRole,
  defaultUserKeyScopes,
  isDataPlaneScope,
  roleRights,
  scopesForKeyType,
  type AuthPrincipal,
} from '../src/index.js';

const admin: AuthPrincipal = { keyId: 'a', keyType: 'organisation-service', orgId: 'o1', workspaceId: null, userId: null, scopes: scopesForKeyType('organisation-service') };
const service: AuthPrincipal = { keyId: 's', keyType: 'workspace-service', orgId: 'o1', workspaceId: 'w1', userId: null, scopes: scopesForKeyType('workspace-service') };
const user = (orgRole: 'owner' | 'admin' | 'member', workspaceRole: 'admin' | 'manager' | 'member' | null): AuthPrincipal => ({
  keyId: 'u',
  keyType: 'workspace-user',
  orgId: 'o1',
  workspaceId: 'w1',
  userId: 'u1',
  scopes: scopesForKeyType('workspace-user'),
  orgRole,
  workspaceRole,
});

describe('scope catalogue', () => {
  it('has the 139 scopes of the reference, each held by at least one key type', () => {
    expect(ALL_SCOPES).toHaveLength(139);
    expect(new Set(ALL_SCOPES).size).toBe(139);
  });

  it('data-plane scopes are exactly those only workspace keys may hold', () => {
    expect(ALL_SCOPES.filter(isDataPlaneScope).sort()).toEqual(['agents.invoke', 'completions.write', 'guardrails.invoke', 'logs.write', 'mcp.invoke', 'prompts.render']);
  });
});

describe('can(principal, action, resource)', () => {
  it.each([
    // [who, action, resource workspace, resource org, allowed?]
    ['admin key', admin, 'organisation_users.list', undefined, 'o1', true],
    ['admin key', admin, 'workspaces.update', 'w2', 'o1', true],
    ['admin key, other org', admin, 'workspaces.read', 'w9', 'o2', false],
    ['admin key', admin, 'completions.write', 'w1', 'o1', false],
    ['service key', service, 'workspaces.read', 'w1', 'o1', true],
    ['service key, other workspace', service, 'workspaces.read', 'w2', 'o1', false],
    ['service key', service, 'organisation_users.list', undefined, 'o1', false],
    ['service key', service, 'workspaces.delete', 'w1', 'o1', false],
    ['service key', service, 'completions.write', 'w1', 'o1', true],
    ['member user key', user('member', 'member'), 'prompts.create', 'w1', 'o1', true],
    ['member user key', user('member', 'member'), 'prompts.delete', 'w1', 'o1', false],
    ['member user key', user('member', 'member'), 'configs.update', 'w1', 'o1', false],
    ['member user key', user('member', 'member'), 'virtual_keys.create', 'w1', 'o1', false],
    ['member user key', user('member', 'member'), 'workspace_users.create', 'w1', 'o1', false],
    ['manager user key', user('member', 'manager'), 'workspace_users.create', 'w1', 'o1', true],
    ['manager user key', user('member', 'manager'), 'workspace_service_api_keys.create', 'w1', 'o1', true],
    ['manager user key', user('member', 'manager'), 'prompts.publish', 'w1', 'o1', false],
    ['workspace admin user key', user('member', 'admin'), 'prompts.publish', 'w1', 'o1', true],
    ['org admin user key without membership', user('admin', null), 'configs.delete', 'w1', 'o1', true],
    ['org owner user key, other workspace', user('owner', null), 'workspaces.read', 'w2', 'o1', false],
    ['user key whose user left the workspace', user('member', null), 'workspaces.read', 'w1', 'o1', false],
    ['user key', user('owner', 'admin'), 'organisation_users.list', undefined, 'o1', false],
  ] as const)('%s → %s on %s/%s: %s', (_who, principal, action, workspaceId, orgId, allowed) => {
    expect(can(principal, action, { orgId, workspaceId }).allow).toBe(allowed);
  });

  it('names the missing permission when a scope is absent', () => {
    const narrow = { ...service, scopes: ['workspaces.read'] };
    expect(can(narrow, 'workspace_users.list', { orgId: 'o1', workspaceId: 'w1' })).toEqual({
      allow: false,
      code: 'MISSING_SCOPE',
      reason: 'the API key lacks the workspace_users.list permission',
      missing: 'workspace_users.list',
    });
  });

  it("a member's rights follow the seed role table", () => {
    const member = roleRights('member');
    expect(['prompts.list', 'prompts.read', 'prompts.create', 'prompts.update'].every((s) => member.has(s))).toBe(true);
    expect(['configs.list', 'configs.read', 'configs.create'].every((s) => member.has(s))).toBe(true);
    expect(member.has('configs.update')).toBe(false);
    expect(['virtual_keys.list', 'virtual_keys.copy'].every((s) => member.has(s))).toBe(true);
    expect(member.has('virtual_keys.duplicate')).toBe(false);
    expect(defaultUserKeyScopes('member').some((s) => s.includes('api_keys'))).toBe(false);
  });
});

describe('attenuation', () => {
  it('a key cannot be created with scopes its creator lacks', () => {
    const narrow = { ...service, scopes: ['workspace_service_api_keys.create', 'workspaces.read'] };
    expect(canGrantKey(narrow, { type: 'workspace-service', workspaceId: 'w1', userId: null, scopes: ['workspaces.read'] }).allow).toBe(true);
    expect(canGrantKey(narrow, { type: 'workspace-service', workspaceId: 'w1', userId: null, scopes: ['workspaces.update'] })).toMatchObject({ allow: false, missing: 'workspaces.update' });
  });

  it('a user cannot mint a user key for someone else, and members cannot mint keys at all', () => {
    const manager = user('member', 'manager');
    expect(canGrantKey(manager, { type: 'workspace-user', workspaceId: 'w1', userId: 'u1', scopes: ['workspaces.read'] }).allow).toBe(true);
    expect(canGrantKey(manager, { type: 'workspace-user', workspaceId: 'w1', userId: 'u2', scopes: ['workspaces.read'] }).allow).toBe(false);
    expect(canGrantKey(user('member', 'member'), { type: 'workspace-user', workspaceId: 'w1', userId: 'u1', scopes: [] }).allow).toBe(false);
  });

  it("a user key's effective scopes are capped by the user's role, so a manager cannot grant admin-only scopes", () => {
    expect(canAddScopes(user('member', 'manager'), 'workspace-service', ['prompts.delete']).allow).toBe(false);
    expect(canAddScopes(user('member', 'admin'), 'workspace-service', ['prompts.delete']).allow).toBe(true);
  });

  it('scopes must fit the key type; admin keys may hand out data-plane scopes they cannot hold', () => {
    expect(canAddScopes(admin, 'workspace-service', ['audit_logs.list'])).toMatchObject({ allow: false, code: 'KEY_TYPE' });
    expect(canAddScopes(admin, 'workspace-service', ['completions.write', 'logs.write']).allow).toBe(true);
    expect(canAddScopes({ ...admin, scopes: [] }, 'workspace-service', ['workspaces.read']).allow).toBe(false);
  });

  it('nobody grants a role above their own', () => {
    expect(canGrantWorkspaceRole(user('member', 'manager'), 'manager').allow).toBe(true);
    expect(canGrantWorkspaceRole(user('member', 'manager'), 'admin').allow).toBe(false);
    expect(canGrantWorkspaceRole(user('admin', null), 'admin').allow).toBe(true);
    expect(canGrantWorkspaceRole(admin, 'admin').allow).toBe(true);
    expect(canGrantOrgRole(admin, 'admin').allow).toBe(true);
    expect(canGrantOrgRole(admin, 'owner').allow).toBe(false);
    expect(canGrantOrgRole(service, 'member').allow).toBe(false);
  });
});
