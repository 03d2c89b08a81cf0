import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { can, canGrantKey, type KeyType } from '#libs/authz';
import { buildWorld, cellMatches, TARGETS, type Expected, type Target, type Who, type World } from '../support/authz-world.js';
import { http, inviteAndAccept, type HttpResult } from '../support/clients.js';

/**
 * The generated authorisation matrix: every route × every kind of principal × {own workspace,
 * another workspace, another organisation}. The expected outcome of each cell comes from the
 * tables the policy engine uses (libs/authz); the actual one from the running product.
 */

interface Route {
  name: string;
  /** How the resource is found: the organisation only, an id inside the organisation, a workspace, a key. */
  locate: 'org' | 'org-resource' | 'workspace' | 'key' | 'key-create' | 'key-list';
  action: string;
  keyType?: KeyType;
  run(world: World, who: Who, target: Target): Promise<HttpResult>;
}

function expected(route: Route, who: Who, target: Target, world: World): Expected {
  const a = who.auth;
  const orgOf = (t: Target) => (t === 'otherOrg' ? world.orgB.orgId : world.orgA);
  switch (route.locate) {
    case 'org':
      return can(a, route.action, { orgId: a.orgId }).allow ? 'allow' : 403;
    case 'org-resource':
      if (!can(a, route.action, { orgId: a.orgId }).allow) return 403;
      return target === 'otherOrg' ? 404 : 'allow';
    case 'workspace':
      if (target === 'otherOrg') return 403;
      return can(a, route.action, { orgId: orgOf(target), workspaceId: world.ws[target] }).allow ? 'allow' : 403;
    case 'key':
      if (target === 'otherOrg') return 404;
      return can(a, route.action, { orgId: world.orgA, workspaceId: world.ws[target] }).allow ? 'allow' : 403;
    case 'key-list': {
      if (a.keyType === 'organisation-service' && target === 'otherOrg') return 403;
      const ws = a.keyType === 'organisation-service' ? world.ws[target] : a.workspaceId;
      const types: KeyType[] = ['organisation-service', 'workspace-service', 'workspace-user'];
      const verbs = { 'organisation-service': 'organisation_service_api_keys', 'workspace-service': 'workspace_service_api_keys', 'workspace-user': 'workspace_user_api_keys' };
      return types.some((t) => can(a, `${verbs[t]}.list`, { orgId: world.orgA, workspaceId: ws }).allow) ? 'allow' : 403;
    }
    case 'key-create': {
      if (route.keyType === 'organisation-service') return can(a, route.action, { orgId: a.orgId }).allow ? 'allow' : 403;
      if (target === 'otherOrg') return 403;
      if (!can(a, route.action, { orgId: world.orgA, workspaceId: world.ws[target] }).allow) return 403;
      const userId = route.keyType === 'workspace-user' ? (a.userId ?? world.memberOf[target]) : null;
      return canGrantKey(a, { type: route.keyType!, workspaceId: world.ws[target], userId, scopes: ['workspaces.read'] }).allow ? 'allow' : 403;
    }
  }
}

const get = (path: string) => (w: World, who: Who) => http(w.stack, 'GET', path, { key: who.key });

/** A fresh workspace-service key in the target workspace, made by that organisation's admin key. */
async function probeKey(w: World, target: Target): Promise<string> {
  const created = await http(w.stack, 'POST', '/api-keys/workspace/service', {
    key: w.adminKeyFor(target),
    body: { name: 'probe', scopes: ['workspaces.read'], workspace_id: w.ws[target] },
  });
  return created.body.id;
}

async function freshInvite(w: World, target: Target): Promise<string> {
  const org = target === 'otherOrg' ? 'b' : 'a';
  const email = `inv-${org}-${Math.random().toString(36).slice(2)}@example.com`;
  return (await http(w.stack, 'POST', '/admin/users/invites', { key: w.adminKeyFor(target), body: { email, role: 'member', workspaces: [] } })).body.id;
}

async function ensureMember(w: World, target: Target, userId: string): Promise<void> {
  await http(w.stack, 'POST', `/admin/workspaces/${w.ws[target]}/users`, { key: w.adminKeyFor(target), body: { users: [{ id: userId, role: 'member' }] } });
}

const ROUTES: Route[] = [
  { name: 'GET /admin/users', locate: 'org', action: 'organisation_users.list', run: (w, who) => get('/admin/users')(w, who) },
  { name: 'GET /admin/users/:id', locate: 'org-resource', action: 'organisation_users.read', run: (w, who, t) => get(`/admin/users/${w.userIn[t === 'otherOrg' ? 'otherOrg' : 'own']}`)(w, who) },
  {
    name: 'PUT /admin/users/:id',
    locate: 'org-resource',
    action: 'organisation_users.update',
    run: (w, who, t) => http(w.stack, 'PUT', `/admin/users/${w.userIn[t === 'otherOrg' ? 'otherOrg' : 'own']}`, { key: who.key, body: { role: 'member' } }),
  },
  {
    name: 'DELETE /admin/users/:id',
    locate: 'org-resource',
    action: 'organisation_users.delete',
    run: async (w, who, t) => {
      const victim =
        t === 'otherOrg'
          ? w.userIn.otherOrg
          : (await inviteAndAccept(w.stack, w.stack.adminKey, { email: `victim-${Math.random().toString(36).slice(2)}@example.com`, role: 'member', workspaces: [] })).id;
      return http(w.stack, 'DELETE', `/admin/users/${victim}`, { key: who.key });
    },
  },
  {
    name: 'POST /admin/users/invites',
    locate: 'org',
    action: 'organisation_users.create',
    run: (w, who) => http(w.stack, 'POST', '/admin/users/invites', { key: who.key, body: { email: `n-${Math.random().toString(36).slice(2)}@example.com`, role: 'member', workspaces: [] } }),
  },
  { name: 'GET /admin/users/invites', locate: 'org', action: 'organisation_users.list', run: (w, who) => get('/admin/users/invites')(w, who) },
  { name: 'GET /admin/users/invites/:id', locate: 'org-resource', action: 'organisation_users.read', run: async (w, who, t) => get(`/admin/users/invites/${await freshInvite(w, t)}`)(w, who) },
  {
    name: 'DELETE /admin/users/invites/:id',
    locate: 'org-resource',
    action: 'organisation_users.delete',
    run: async (w, who, t) => http(w.stack, 'DELETE', `/admin/users/invites/${await freshInvite(w, t)}`, { key: who.key }),
  },
  {
    name: 'POST /admin/users/invites/:id/resend',
    locate: 'org-resource',
    action: 'organisation_users.update',
    run: async (w, who, t) => http(w.stack, 'POST', `/admin/users/invites/${await freshInvite(w, t)}/resend`, { key: who.key }),
  },
  { name: 'POST /admin/workspaces', locate: 'org', action: 'workspaces.create', run: (w, who) => http(w.stack, 'POST', '/admin/workspaces', { key: who.key, body: { name: 'made in the matrix' } }) },
  { name: 'GET /admin/workspaces', locate: 'org', action: 'workspaces.list', run: (w, who) => get('/admin/workspaces')(w, who) },
  { name: 'GET /admin/workspaces/:ws', locate: 'workspace', action: 'workspaces.read', run: (w, who, t) => get(`/admin/workspaces/${w.ws[t]}`)(w, who) },
  {
    name: 'PUT /admin/workspaces/:ws',
    locate: 'workspace',
    action: 'workspaces.update',
    run: (w, who, t) => http(w.stack, 'PUT', `/admin/workspaces/${w.ws[t]}`, { key: who.key, body: { description: `touched by ${who.name}` } }),
  },
  {
    name: 'DELETE /admin/workspaces/:ws',
    locate: 'workspace',
    action: 'workspaces.delete',
    run: async (w, who, t) => {
      // Only admin keys may delete: they get a disposable workspace of the target's organisation.
      if (who.auth.keyType === 'organisation-service' && t !== 'otherOrg') {
        const doomed = (await http(w.stack, 'POST', '/admin/workspaces', { key: w.stack.adminKey, body: { name: 'doomed' } })).body;
        return http(w.stack, 'DELETE', `/admin/workspaces/${doomed.id}`, { key: who.key, body: { name: 'doomed' } });
      }
      return http(w.stack, 'DELETE', `/admin/workspaces/${w.ws[t]}`, { key: who.key, body: { name: 'irrelevant' } });
    },
  },
  {
    name: 'POST /admin/workspaces/:ws/users',
    locate: 'workspace',
    action: 'workspace_users.create',
    run: (w, who, t) => http(w.stack, 'POST', `/admin/workspaces/${w.ws[t]}/users`, { key: who.key, body: { users: [{ id: w.memberOf[t], role: 'member' }] } }),
  },
  { name: 'GET /admin/workspaces/:ws/users', locate: 'workspace', action: 'workspace_users.list', run: (w, who, t) => get(`/admin/workspaces/${w.ws[t]}/users`)(w, who) },
  { name: 'GET /admin/workspaces/:ws/users/:id', locate: 'workspace', action: 'workspace_users.read', run: (w, who, t) => get(`/admin/workspaces/${w.ws[t]}/users/${w.memberOf[t]}`)(w, who) },
  {
    name: 'PUT /admin/workspaces/:ws/users/:id',
    locate: 'workspace',
    action: 'workspace_users.update',
    run: (w, who, t) => http(w.stack, 'PUT', `/admin/workspaces/${w.ws[t]}/users/${w.memberOf[t]}`, { key: who.key, body: { role: 'member' } }),
  },
  {
    name: 'DELETE /admin/workspaces/:ws/users/:id',
    locate: 'workspace',
    action: 'workspace_users.delete',
    run: async (w, who, t) => {
      const result = await http(w.stack, 'DELETE', `/admin/workspaces/${w.ws[t]}/users/${w.memberOf[t]}`, { key: who.key });
      await ensureMember(w, t, w.memberOf[t]);
      return result;
    },
  },
  {
    name: 'POST /api-keys/organisation/service',
    locate: 'key-create',
    keyType: 'organisation-service',
    action: 'organisation_service_api_keys.create',
    run: (w, who) => http(w.stack, 'POST', '/api-keys/organisation/service', { key: who.key, body: { name: 'org key', scopes: ['workspaces.list'] } }),
  },
  {
    name: 'POST /api-keys/workspace/service',
    locate: 'key-create',
    keyType: 'workspace-service',
    action: 'workspace_service_api_keys.create',
    run: (w, who, t) => http(w.stack, 'POST', '/api-keys/workspace/service', { key: who.key, body: { name: 'svc', scopes: ['workspaces.read'], workspace_id: w.ws[t] } }),
  },
  {
    name: 'POST /api-keys/workspace/user (for oneself, or a member when the caller is no user)',
    locate: 'key-create',
    keyType: 'workspace-user',
    action: 'workspace_user_api_keys.create',
    run: (w, who, t) =>
      http(w.stack, 'POST', '/api-keys/workspace/user', {
        key: who.key,
        body: { name: 'usr', scopes: ['workspaces.read'], workspace_id: w.ws[t], user_id: who.auth.userId ?? w.memberOf[t] },
      }),
  },
  { name: 'GET /api-keys?workspace_id', locate: 'key-list', action: 'workspace_service_api_keys.list', run: (w, who, t) => get(`/api-keys?workspace_id=${w.ws[t]}`)(w, who) },
  { name: 'GET /api-keys/:id', locate: 'key', action: 'workspace_service_api_keys.read', run: async (w, who, t) => get(`/api-keys/${await probeKey(w, t)}`)(w, who) },
  {
    name: 'PUT /api-keys/:id',
    locate: 'key',
    action: 'workspace_service_api_keys.update',
    run: async (w, who, t) => http(w.stack, 'PUT', `/api-keys/${await probeKey(w, t)}`, { key: who.key, body: { name: 'renamed' } }),
  },
  {
    name: 'DELETE /api-keys/:id',
    locate: 'key',
    action: 'workspace_service_api_keys.delete',
    run: async (w, who, t) => http(w.stack, 'DELETE', `/api-keys/${await probeKey(w, t)}`, { key: who.key }),
  },
  {
    name: 'POST /api-keys/:id/rotate',
    locate: 'key',
    action: 'workspace_service_api_keys.rotate',
    run: async (w, who, t) => http(w.stack, 'POST', `/api-keys/${await probeKey(w, t)}/rotate`, { key: who.key, body: {} }),
  },
];

describe('authorisation matrix: every route × principal × {own workspace, other workspace, other organisation}', () => {
  let world: World;
  let principals: Who[];
  const tally = { allow: 0, 403: 0, 404: 0 } as Record<string, number>;

  beforeAll(async () => {
    ({ world, principals } = await buildWorld());
  }, 120_000);

  afterAll(async () => {
    await world?.stack.stop();
  });

  for (const route of ROUTES) {
    it(route.name, async () => {
      const mismatches: string[] = [];
      let cells = 0;
      for (const who of principals) {
        const targets = route.locate === 'org' || route.keyType === 'organisation-service' ? (['own'] as Target[]) : TARGETS;
        for (const target of targets) {
          const want = expected(route, who, target, world);
          const got = await route.run(world, who, target);
          cells++;
          tally[String(want)]!++;
          if (!cellMatches(want, got)) mismatches.push(`${who.name} × ${target}: expected ${want}, got ${got.status} ${JSON.stringify(got.body).slice(0, 160)}`);
        }
      }
      expect(mismatches).toEqual([]);
      expect(cells).toBeGreaterThan(0);
    }, 120_000);
  }

  it('the matrix is not vacuous: both outcomes occur for every kind of principal', () => {
    expect(tally.allow).toBeGreaterThan(60);
    expect(tally[403]).toBeGreaterThan(150);
    expect(tally[404]).toBeGreaterThan(20);
  });

  describe('escalation attempts are refused', () => {
    const byName = (name: string) => principals.find((p) => p.name === name)!;

    it('a user cannot mint a user key for someone else, even as a manager', async () => {
      const manager = byName('workspace manager user key');
      const result = await http(world.stack, 'POST', '/api-keys/workspace/user', {
        key: manager.key,
        body: { name: 'for them', scopes: ['workspaces.read'], workspace_id: world.ws.own, user_id: world.memberOf.own },
      });
      expect(result).toMatchObject({ status: 403, body: { data: { errorCode: 'AB03' } } });
    });

    it('a key cannot be created with more rights than its creator', async () => {
      const narrow = (
        await http(world.stack, 'POST', '/api-keys/workspace/service', {
          key: world.stack.adminKey,
          body: { name: 'narrow', scopes: ['workspace_service_api_keys.create', 'workspaces.read'], workspace_id: world.ws.own },
        })
      ).body.key;
      const wider = await http(world.stack, 'POST', '/api-keys/workspace/service', {
        key: narrow,
        body: { name: 'wider', scopes: ['workspaces.read', 'workspace_users.delete'], workspace_id: world.ws.own },
      });
      expect(wider.status).toBe(403);
      expect(wider.body.data.message).toContain('workspace_users.delete');
      const same = await http(world.stack, 'POST', '/api-keys/workspace/service', { key: narrow, body: { name: 'same', scopes: ['workspaces.read'] } });
      expect(same.status).toBe(200);
      expect(same.body.workspace_id).toBe(world.ws.own);
    });

    it("a manager's key cannot grant scopes beyond the manager's role", async () => {
      const manager = byName('workspace manager user key');
      const result = await http(world.stack, 'POST', '/api-keys/workspace/service', {
        key: manager.key,
        body: { name: 'too strong', scopes: ['prompts.delete'], workspace_id: world.ws.own },
      });
      expect(result.status).toBe(403);
    });

    it('an update cannot widen a key beyond its caller', async () => {
      const narrow = (
        await http(world.stack, 'POST', '/api-keys/workspace/service', {
          key: world.stack.adminKey,
          body: { name: 'self-widening', scopes: ['workspace_service_api_keys.update', 'workspace_service_api_keys.read', 'workspaces.read'], workspace_id: world.ws.own },
        })
      ).body;
      const widened = await http(world.stack, 'PUT', `/api-keys/${narrow.id}`, {
        key: narrow.key,
        body: { scopes: ['workspace_service_api_keys.update', 'workspace_service_api_keys.read', 'workspaces.read', 'workspaces.update'] },
      });
      expect(widened.status).toBe(403);
      const narrowed = await http(world.stack, 'PUT', `/api-keys/${narrow.id}`, { key: narrow.key, body: { scopes: ['workspace_service_api_keys.read', 'workspaces.read'] } });
      expect(narrowed.status).toBe(200);
    });

    it('members cannot create keys at all', async () => {
      const member = byName('member user key');
      for (const type of ['workspace/service', 'workspace/user']) {
        const result = await http(world.stack, 'POST', `/api-keys/${type}`, {
          key: member.key,
          body: { name: 'mine', scopes: ['workspaces.read'], workspace_id: world.ws.own, user_id: member.auth.userId },
        });
        expect(result.status).toBe(403);
      }
    });

    it('nobody grants a workspace role above their own or changes someone above them', async () => {
      const manager = byName('workspace manager user key');
      const promote = await http(world.stack, 'PUT', `/admin/workspaces/${world.ws.own}/users/${world.memberOf.own}`, { key: manager.key, body: { role: 'admin' } });
      expect(promote.status).toBe(403);
      const asManager = await http(world.stack, 'PUT', `/admin/workspaces/${world.ws.own}/users/${world.memberOf.own}`, { key: manager.key, body: { role: 'manager' } });
      expect(asManager.status).toBe(200);
      await http(world.stack, 'PUT', `/admin/workspaces/${world.ws.own}/users/${world.memberOf.own}`, { key: world.stack.adminKey, body: { role: 'admin' } });
      const demoteAdmin = await http(world.stack, 'PUT', `/admin/workspaces/${world.ws.own}/users/${world.memberOf.own}`, { key: manager.key, body: { role: 'member' } });
      expect(demoteAdmin.status).toBe(403);
      const removeAdmin = await http(world.stack, 'DELETE', `/admin/workspaces/${world.ws.own}/users/${world.memberOf.own}`, { key: manager.key });
      expect(removeAdmin.status).toBe(403);
      await http(world.stack, 'PUT', `/admin/workspaces/${world.ws.own}/users/${world.memberOf.own}`, { key: world.stack.adminKey, body: { role: 'member' } });
    });

    it('an admin key cannot put organisation-only scopes on a workspace key', async () => {
      const result = await http(world.stack, 'POST', '/api-keys/workspace/service', {
        key: world.stack.adminKey,
        body: { name: 'bad', scopes: ['audit_logs.list'], workspace_id: world.ws.own },
      });
      expect(result).toMatchObject({ status: 400, body: { data: { errorCode: 'AB01' } } });
    });

    it("a narrowed user role narrows the user's key on its next request", async () => {
      const user = await inviteAndAccept(world.stack, world.stack.adminKey, { email: 'narrowed@a.example', role: 'member', workspaces: [{ id: world.ws.own, role: 'manager' }] });
      const key = (
        await http(world.stack, 'POST', '/api-keys/workspace/user', {
          key: world.stack.adminKey,
          body: { name: 'narrowed', scopes: ['workspace_users.list', 'workspace_users.update'], workspace_id: world.ws.own, user_id: user.id },
        })
      ).body.key;
      const change = () => http(world.stack, 'PUT', `/admin/workspaces/${world.ws.own}/users/${world.memberOf.own}`, { key, body: { role: 'member' } });
      expect((await change()).status).toBe(200);
      await http(world.stack, 'PUT', `/admin/workspaces/${world.ws.own}/users/${user.id}`, { key: world.stack.adminKey, body: { role: 'member' } });
      expect((await change()).status).toBe(403);
      expect((await http(world.stack, 'GET', `/admin/workspaces/${world.ws.own}/users`, { key })).status).toBe(200);
    });

    it("leaving a workspace ends the user's keys there; re-joining does not revive them", async () => {
      const user = await inviteAndAccept(world.stack, world.stack.adminKey, { email: 'leaver@a.example', role: 'member', workspaces: [{ id: world.ws.own, role: 'member' }] });
      const key = user.api_keys[0]!.key;
      expect((await http(world.stack, 'GET', `/admin/workspaces/${world.ws.own}`, { key })).status).toBe(200);
      await http(world.stack, 'DELETE', `/admin/workspaces/${world.ws.own}/users/${user.id}`, { key: world.stack.adminKey });
      expect((await http(world.stack, 'GET', `/admin/workspaces/${world.ws.own}`, { key })).status).toBe(401);
      await ensureMember(world, 'own', user.id);
      expect((await http(world.stack, 'GET', `/admin/workspaces/${world.ws.own}`, { key })).status).toBe(401);
    });
  });

  it('workspace keys never see another workspace in lists', async () => {
    for (const who of principals.filter((p) => p.auth.keyType !== 'organisation-service')) {
      const listed = await http(world.stack, 'GET', '/admin/workspaces', { key: who.key });
      expect(listed.body.data.map((w: { id: string }) => w.id)).toEqual([world.ws.own]);
      const keys = await http(world.stack, 'GET', `/api-keys?workspace_id=${world.ws.otherWs}`, { key: who.key });
      if (keys.status === 200) expect(keys.body.data.every((k: { workspace_id: string }) => k.workspace_id === world.ws.own)).toBe(true);
    }
  });
});
