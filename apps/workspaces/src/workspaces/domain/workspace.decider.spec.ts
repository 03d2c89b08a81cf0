import { describe, it } from '@jest/globals';
import { deciderSpec } from '#libs/testing';
import { workspaceDecider, type WorkspaceEvent } from './workspace.decider.js';

const at = '2026-01-01T00:00:00.000Z';
const base = { workspaceId: 'w1', orgId: 'o1', at };
const created: WorkspaceEvent = {
  type: 'WorkspaceCreated',
  data: {
    ...base,
    slug: 'ws-lab-abcdef',
    name: 'Lab',
    description: null,
    icon: null,
    defaults: null,
    usageLimits: null,
    rateLimits: null,
    isDefault: false,
    createdBy: 'k1',
    creationSource: 'api',
  },
};
const member = (userId: string, role: 'admin' | 'manager' | 'member'): WorkspaceEvent => ({ type: 'WorkspaceMemberAdded', data: { ...base, userId, role } });
const spec = deciderSpec(workspaceDecider);
const none = { count: 0, kinds: {} };

describe('workspace decider', () => {
  it('only fields that really change are recorded', () => {
    spec.given([created]).when({ type: 'UpdateWorkspace', workspaceId: 'w1', changes: { name: 'Lab', description: 'new' }, at }).then([
      { type: 'WorkspaceUpdated', data: { ...base, changes: { description: 'new' } } },
    ]);
    spec.given([created]).when({ type: 'UpdateWorkspace', workspaceId: 'w1', changes: { name: 'Lab' }, at }).then([]);
  });

  it('a name given on delete must be exact; none at all is fine', () => {
    spec.given([created]).when({ type: 'DeleteWorkspace', workspaceId: 'w1', confirmName: 'lab', force: false, dependants: none, at }).thenThrows({ code: 'WORKSPACES.NAME_CONFIRMATION', status: 400 });
    spec.given([created]).when({ type: 'DeleteWorkspace', workspaceId: 'w1', confirmName: undefined, force: false, dependants: none, at }).then([
      { type: 'WorkspaceDeleted', data: { ...base, slug: 'ws-lab-abcdef', forced: false } },
    ]);
  });

  it('deleting with dependants is a 409 unless forced; deletion removes every member in the same append', () => {
    const dependants = { count: 2, kinds: { 'API keys': 2 } };
    spec.given([created]).when({ type: 'DeleteWorkspace', workspaceId: 'w1', confirmName: 'Lab', force: false, dependants, at }).thenThrows({ code: 'WORKSPACES.HAS_DEPENDANTS', status: 409 });
    spec.given([created, member('u1', 'admin')]).when({ type: 'DeleteWorkspace', workspaceId: 'w1', confirmName: 'Lab', force: true, dependants, at }).then([
      { type: 'WorkspaceMemberRemoved', data: { ...base, userId: 'u1' } },
      { type: 'WorkspaceDeleted', data: { ...base, slug: 'ws-lab-abcdef', forced: true } },
    ]);
  });

  it('the default workspace can be neither deleted nor archived', () => {
    const def: WorkspaceEvent = { type: 'WorkspaceCreated', data: { ...(created.data as object), isDefault: true } as never };
    spec.given([def]).when({ type: 'DeleteWorkspace', workspaceId: 'w1', confirmName: 'Lab', force: true, dependants: none, at }).thenThrows({ code: 'WORKSPACES.DEFAULT_WORKSPACE' });
    spec.given([def]).when({ type: 'UpdateWorkspace', workspaceId: 'w1', changes: { status: 'archived' }, at }).thenThrows({ code: 'WORKSPACES.DEFAULT_WORKSPACE' });
  });

  it('setting a member adds them, changes their role, or changes nothing', () => {
    spec.given([created]).when({ type: 'SetMember', workspaceId: 'w1', userId: 'u1', role: 'member', at }).then([member('u1', 'member')]);
    spec.given([created, member('u1', 'member')]).when({ type: 'SetMember', workspaceId: 'w1', userId: 'u1', role: 'manager', at }).then([
      { type: 'WorkspaceMemberRoleChanged', data: { ...base, userId: 'u1', role: 'manager', previousRole: 'member' } },
    ]);
    spec.given([created, member('u1', 'member')]).when({ type: 'SetMember', workspaceId: 'w1', userId: 'u1', role: 'member', at }).then([]);
  });

  it('an archived workspace takes no new members; a deleted one answers as missing', () => {
    const archived: WorkspaceEvent = { type: 'WorkspaceUpdated', data: { ...base, changes: { status: 'archived' } } };
    spec.given([created, archived]).when({ type: 'SetMember', workspaceId: 'w1', userId: 'u1', role: 'member', at }).thenThrows({ code: 'WORKSPACES.ARCHIVED' });
    const deleted: WorkspaceEvent = { type: 'WorkspaceDeleted', data: { ...base, slug: 'ws-lab-abcdef', forced: false } };
    spec.given([created, deleted]).when({ type: 'RemoveMember', workspaceId: 'w1', userId: 'u1', at }).thenThrows({ code: 'WORKSPACES.NOT_FOUND', status: 403 });
  });
});
