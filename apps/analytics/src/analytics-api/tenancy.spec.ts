import { describe, expect, it } from '@jest/globals';
import type { AuthPrincipal } from '#libs/authz';
import type { ReadModels, WorkspaceDoc } from '#libs/projections';
import { analyticsWorkspaces, assertManager } from './tenancy.js';

const ws = (id: string, orgId: string, slug: string) => ({ _id: id, orgId, slug }) as WorkspaceDoc;
const docs = [ws('ws-a', 'org-1', 'alpha'), ws('ws-b', 'org-1', 'beta'), ws('ws-x', 'org-2', 'xeno')];

// The read-model interface over a fixed list (the lookups tenancy uses: by id, by slug, by org).
const models: ReadModels = {
  catchUp: async () => {},
  collection: (() => ({
    get: async (id: string) => docs.find((d) => d._id === id) ?? null,
    first: async (_index: string, eq: Record<string, unknown>) => docs.find((d) => d.slug === eq.slug) ?? null,
    find: async (_index: string, q: { eq: { orgId: string } }) => {
      const found = docs.filter((d) => d.orgId === q.eq.orgId);
      return { total: found.length, docs: found };
    },
  })) as unknown as ReadModels['collection'],
};

const admin: AuthPrincipal = { keyId: 'k-admin', keyType: 'organisation-service', orgId: 'org-1', workspaceId: null, userId: null, scopes: ['analytics.view'] };
const service: AuthPrincipal = { keyId: 'k-svc', keyType: 'workspace-service', orgId: 'org-1', workspaceId: 'ws-a', userId: null, scopes: ['analytics.view'] };
const user = (role: 'member' | 'manager' | 'admin' | null, scopes = ['analytics.view']): AuthPrincipal => ({
  keyId: 'k-user', keyType: 'workspace-user', orgId: 'org-1', workspaceId: 'ws-a', userId: 'u1', scopes, orgRole: 'member', workspaceRole: role,
});
const ids = (list: WorkspaceDoc[]) => list.map((w) => w._id);

describe('analytics tenancy', () => {
  it('an admin key sees every workspace of its organisation, and workspace_slug narrows', async () => {
    expect(ids(await analyticsWorkspaces(models, admin, undefined))).toEqual(['ws-a', 'ws-b']);
    expect(ids(await analyticsWorkspaces(models, admin, 'beta'))).toEqual(['ws-b']);
    expect(ids(await analyticsWorkspaces(models, admin, 'ws-a'))).toEqual(['ws-a']);
  });

  it('an admin key naming an unknown or foreign workspace is refused (403 AB03)', async () => {
    await expect(analyticsWorkspaces(models, admin, 'xeno')).rejects.toMatchObject({ status: 403, details: { errorCode: 'AB03' } });
    await expect(analyticsWorkspaces(models, admin, 'nowhere')).rejects.toMatchObject({ status: 403 });
  });

  it('a workspace key sees only its own workspace, whatever it passes', async () => {
    for (const slug of [undefined, 'beta', 'xeno', 'nowhere']) expect(ids(await analyticsWorkspaces(models, service, slug))).toEqual(['ws-a']);
  });

  it('analytics.view is required, and a user key also needs it from its role', async () => {
    await expect(analyticsWorkspaces(models, { ...admin, scopes: [] }, undefined)).rejects.toMatchObject({ status: 403, details: { missing: 'analytics.view' } });
    await expect(analyticsWorkspaces(models, { ...service, scopes: ['logs.view'] }, undefined)).rejects.toMatchObject({ status: 403 });
    expect(ids(await analyticsWorkspaces(models, user('member'), undefined))).toEqual(['ws-a']);
    await expect(analyticsWorkspaces(models, user(null), undefined)).rejects.toMatchObject({ status: 403, message: expect.stringContaining('no membership') });
  });

  it('member usage is for managers and admins', () => {
    expect(() => assertManager(user('member'))).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => assertManager(user(null))).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => assertManager(user('manager'))).not.toThrow();
    expect(() => assertManager(user('admin'))).not.toThrow();
    expect(() => assertManager({ ...user('member'), orgRole: 'admin' })).not.toThrow();
    expect(() => assertManager(admin)).not.toThrow();
    expect(() => assertManager(service)).not.toThrow();
  });
});
