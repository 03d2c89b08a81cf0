import type { AnalyticsGroupView, AnalyticsQuery } from '#libs/contracts';
import { DEFAULT_PAGE_SIZE } from '#libs/contracts';
import type { AggregateRow } from '../analytics-store/analytics-store.port.js';
import { num } from './series.js';

export interface MemberInfo {
  userId: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  /** Role in the covered workspace (the highest when several are covered). */
  role: string;
  workspaceIds: string[];
}

const RANK: Record<string, number> = { member: 0, manager: 1, admin: 2 };

/** Merges memberships of several workspaces into one entry per user. */
export function mergeMembers(entries: MemberInfo[]): MemberInfo[] {
  const byUser = new Map<string, MemberInfo>();
  for (const e of entries) {
    const known = byUser.get(e.userId);
    if (!known) byUser.set(e.userId, { ...e, workspaceIds: [...e.workspaceIds] });
    else {
      known.workspaceIds = [...new Set([...known.workspaceIds, ...e.workspaceIds])];
      if ((RANK[e.role] ?? 0) > (RANK[known.role] ?? 0)) known.role = e.role;
    }
  }
  return [...byUser.values()];
}

/**
 * groups/members: every member of the covered workspaces, with their usage (zeros when they sent
 * nothing), requests desc then user id; paged. Usage is what the analytics user attributes to them
 * (`metadata._user` when a call sets it, else the key's user).
 */
export function memberGroup(members: MemberInfo[], usage: AggregateRow[], query: AnalyticsQuery): AnalyticsGroupView {
  const byUser = new Map(usage.map((r) => [r.group, r.values]));
  const rows = members.map((m) => {
    const v = byUser.get(m.userId) ?? {};
    return {
      user_id: m.userId,
      email: m.email,
      first_name: m.firstName,
      last_name: m.lastName,
      role: m.role,
      workspace_ids: m.workspaceIds,
      requests: num(v.requests),
      total_tokens: num(v.tokens),
      cost: num(v.cost),
      errors: num(v.errors),
      last_seen: typeof v.lastSeen === 'number' ? new Date(v.lastSeen).toISOString() : null,
      object: 'analytics-group' as const,
    };
  });
  rows.sort((a, b) => b.requests - a.requests || (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0));
  const size = query.page_size ?? DEFAULT_PAGE_SIZE;
  const index = query.current_page ?? 0;
  return { object: 'list', total: rows.length, data: rows.slice(index * size, (index + 1) * size) };
}
