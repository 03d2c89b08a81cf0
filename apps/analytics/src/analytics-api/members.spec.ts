import { describe, expect, it } from '@jest/globals';
import { query } from '../../../../test/support/analytics-api-data.js';
import { memberGroup, mergeMembers, type MemberInfo } from './members.js';

const member = (userId: string, role: string, workspaceId: string): MemberInfo => ({ userId, email: `${userId}@x.io`, firstName: userId, lastName: 'X', role, workspaceIds: [workspaceId] });

describe('groups/members', () => {
  it('every member appears, with zeros when they sent nothing; non-members are left out', () => {
    const usage = [
      { group: 'u2', values: { requests: 4, tokens: 40, cost: 8, errors: 1, lastSeen: Date.parse('2026-11-02T10:05:00Z') } },
      { group: 'stranger', values: { requests: 99, tokens: 1, cost: 1, errors: 0, lastSeen: 0 } },
    ];
    const g = memberGroup([member('u1', 'member', 'ws-a'), member('u2', 'manager', 'ws-a')], usage, query());
    expect(g).toEqual({
      object: 'list',
      total: 2,
      data: [
        { user_id: 'u2', email: 'u2@x.io', first_name: 'u2', last_name: 'X', role: 'manager', workspace_ids: ['ws-a'], requests: 4, total_tokens: 40, cost: 8, errors: 1, last_seen: '2026-11-02T10:05:00.000Z', object: 'analytics-group' },
        { user_id: 'u1', email: 'u1@x.io', first_name: 'u1', last_name: 'X', role: 'member', workspace_ids: ['ws-a'], requests: 0, total_tokens: 0, cost: 0, errors: 0, last_seen: null, object: 'analytics-group' },
      ],
    });
    expect(memberGroup([member('u1', 'member', 'ws-a'), member('u2', 'manager', 'ws-a')], usage, query({ page_size: 1, current_page: 1 })).data.map((r) => r.user_id)).toEqual(['u1']);
  });

  it('a user in several covered workspaces is one row with the highest role', () => {
    expect(mergeMembers([member('u1', 'member', 'ws-a'), member('u1', 'admin', 'ws-b'), member('u1', 'manager', 'ws-c')])).toEqual([{ ...member('u1', 'admin', 'ws-a'), workspaceIds: ['ws-a', 'ws-b', 'ws-c'] }]);
  });
});
