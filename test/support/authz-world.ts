import { scopesForKeyType, type AuthPrincipal } from '#libs/authz';
import { http, inviteAndAccept, type HttpResult } from './clients.js';
import { startStack, type Stack } from './stack.js';

/**
 * The world the generated authorisation matrices run in: two organisations, three target
 * workspaces (own, another of the same organisation, another organisation's), and six kinds of
 * principal (owner, org admin, workspace manager and member user keys; the admin key; a workspace
 * service key), each with what the policy engine should know about it.
 */
export type Target = 'own' | 'otherWs' | 'otherOrg';
export const TARGETS: Target[] = ['own', 'otherWs', 'otherOrg'];
export type Expected = 'allow' | 403 | 404;

export interface Who {
  name: string;
  key: string;
  auth: AuthPrincipal;
}

export interface World {
  stack: Stack;
  orgA: string;
  orgB: { orgId: string; adminKey: string; defaultWorkspaceId: string };
  ws: Record<Target, string>;
  /** A user who belongs to each target's organisation and workspace. */
  memberOf: Record<Target, string>;
  /** A user of each target's organisation (for the user routes). */
  userIn: Record<'own' | 'otherOrg', string>;
  adminKeyFor(target: Target): string;
  orgOf(target: Target): string;
}

export async function buildWorld(): Promise<{ world: World; principals: Who[] }> {
  const stack = await startStack();
  const orgB = await stack.createOrganisation('Org B', 'owner@org-b.example');
  const admin = stack.adminKey;
  const mk = async (name: string) => (await http(stack, 'POST', '/admin/workspaces', { key: admin, body: { name } })).body.id as string;
  const ws: Record<Target, string> = { own: await mk('W1'), otherWs: await mk('W2'), otherOrg: orgB.defaultWorkspaceId };
  const inW = (t: Target) => [{ id: ws[t], role: 'member' as const }];
  const ownerId = (await http(stack, 'GET', '/admin/users?role=owner', { key: admin })).body.data[0].id as string;
  const orgAdmin = await inviteAndAccept(stack, admin, { email: 'orgadmin@a.example', role: 'admin', workspaces: inW('own') });
  const manager = await inviteAndAccept(stack, admin, { email: 'manager@a.example', role: 'member', workspaces: [{ id: ws.own, role: 'manager' }] });
  const member = await inviteAndAccept(stack, admin, { email: 'member@a.example', role: 'member', workspaces: inW('own') });
  const target = await inviteAndAccept(stack, admin, { email: 'target@a.example', role: 'member', workspaces: inW('own') });
  const w2member = await inviteAndAccept(stack, admin, { email: 'w2@a.example', role: 'member', workspaces: inW('otherWs') });
  const bmember = await inviteAndAccept(stack, orgB.adminKey, { email: 'someone@b.example', role: 'member', workspaces: inW('otherOrg') });
  const spare = await inviteAndAccept(stack, admin, { email: 'spare@a.example', role: 'member', workspaces: [] });

  const userScopes = scopesForKeyType('workspace-user');
  const serviceScopes = scopesForKeyType('workspace-service');
  const userKey = async (userId: string) =>
    (await http(stack, 'POST', '/api-keys/workspace/user', { key: admin, body: { name: 'matrix user key', scopes: userScopes, workspace_id: ws.own, user_id: userId } })).body.key as string;
  const serviceKey = (await http(stack, 'POST', '/api-keys/workspace/service', { key: admin, body: { name: 'matrix svc', scopes: serviceScopes, workspace_id: ws.own } })).body.key as string;
  const orgA = (await http(stack, 'GET', `/admin/workspaces/${ws.own}`, { key: admin })).body.organisation_id as string;
  const base = { orgId: orgA, workspaceId: ws.own };
  const u = (name: string, key: string, userId: string, orgRole: 'owner' | 'admin' | 'member', workspaceRole: 'admin' | 'manager' | 'member' | null): Who => ({
    name,
    key,
    auth: { keyId: name, keyType: 'workspace-user', ...base, userId, scopes: userScopes, orgRole, workspaceRole },
  });
  const principals: Who[] = [
    u('owner user key', await userKey(ownerId), ownerId, 'owner', null),
    u('org admin user key', await userKey(orgAdmin.id), orgAdmin.id, 'admin', 'member'),
    u('workspace manager user key', await userKey(manager.id), manager.id, 'member', 'manager'),
    u('member user key', await userKey(member.id), member.id, 'member', 'member'),
    { name: 'admin key', key: admin, auth: { keyId: 'admin', keyType: 'organisation-service', orgId: orgA, workspaceId: null, userId: null, scopes: scopesForKeyType('organisation-service') } },
    { name: 'workspace service key', key: serviceKey, auth: { keyId: 'svc', keyType: 'workspace-service', ...base, userId: null, scopes: serviceScopes } },
  ];
  const world: World = {
    stack,
    orgA,
    orgB,
    ws,
    memberOf: { own: target.id, otherWs: w2member.id, otherOrg: bmember.id },
    userIn: { own: spare.id, otherOrg: bmember.id },
    adminKeyFor: (t) => (t === 'otherOrg' ? orgB.adminKey : admin),
    orgOf: (t) => (t === 'otherOrg' ? orgB.orgId : orgA),
  };
  return { world, principals };
}

/** A cell's outcome matches what the tables predict (denials in Portkey's envelope, 403 as AB03). */
export function cellMatches(want: Expected, got: HttpResult): boolean {
  return want === 'allow'
    ? got.status >= 200 && got.status < 300
    : got.status === want && got.body?.success === false && (want !== 403 || got.body.data.errorCode === 'AB03');
}
