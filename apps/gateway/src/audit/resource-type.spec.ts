import { describe, expect, it } from '@jest/globals';
import { resourceTypeOf } from './resource-type.js';

describe('audit resource type from the path', () => {
  it.each([
    ['/v1/admin/workspaces', 'workspaces'],
    ['/v1/admin/workspaces/ws-lab-abc123/users/u1', 'workspace_users'],
    ['/v1/admin/users/invites/i1/resend', 'invites'],
    ['/v1/admin/users?pageSize=1', 'users'],
    ['/v1/api-keys/k1/rotate', 'api_keys'],
    ['/v1/audit-logs?start_time=x', 'audit_logs'],
    ['/v1/virtual-keys/vk', 'virtual_keys'],
    ['/v1/%E0%A4%A', 'unknown'],
  ])('%s → %s', (uri, type) => {
    expect(resourceTypeOf(uri)).toBe(type);
  });
});
