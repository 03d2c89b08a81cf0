import { PersistentMap, type Decider } from '#libs/event-store';
import type { WorkspaceEvents } from '#libs/contracts';
import { EMPTY_WORKSPACE_SCHEDULE, evolveWorkspaceSchedule, type UsageResetRule, type WorkspaceSchedule } from '#libs/schedules';
import {
  defaultWorkspaceProtected,
  hasDependants,
  memberNotFound,
  nameConfirmationMismatch,
  workspaceArchived,
  workspaceExists,
  workspaceNotFound,
} from './workspace.errors.js';

type Role = WorkspaceEvents.WorkspaceRole;

export type WorkspaceEvent =
  | { type: 'WorkspaceCreated'; data: WorkspaceEvents.WorkspaceCreated }
  | { type: 'WorkspaceUpdated'; data: WorkspaceEvents.WorkspaceUpdated }
  | { type: 'WorkspaceDeleted'; data: WorkspaceEvents.WorkspaceDeleted }
  | { type: 'WorkspaceUsageReset'; data: WorkspaceEvents.WorkspaceUsageReset }
  | { type: 'WorkspaceMemberAdded'; data: WorkspaceEvents.WorkspaceMemberAdded }
  | { type: 'WorkspaceMemberRoleChanged'; data: WorkspaceEvents.WorkspaceMemberRoleChanged }
  | { type: 'WorkspaceMemberRemoved'; data: WorkspaceEvents.WorkspaceMemberRemoved };

export type WorkspaceCommand =
  | { type: 'CreateWorkspace'; workspace: Omit<WorkspaceEvents.WorkspaceCreated, 'at'>; members: Array<{ userId: string; role: Role }>; at: string }
  | { type: 'UpdateWorkspace'; workspaceId: string; changes: Record<string, unknown>; at: string }
  | { type: 'DeleteWorkspace'; workspaceId: string; confirmName: string | undefined; force: boolean; dependants: { count: number; kinds: Record<string, number> }; at: string }
  | { type: 'SetMember'; workspaceId: string; userId: string; role: Role; at: string }
  | { type: 'ChangeMemberRole'; workspaceId: string; userId: string; role: Role; at: string }
  | { type: 'RemoveMember'; workspaceId: string; userId: string; at: string }
  /** The sweeper's: reset one usage limit only while `due` is still its pending reset. */
  | { type: 'ResetUsageOnSchedule'; workspaceId: string; limitIndex: number; due: string; at: string };

export interface WorkspaceState {
  workspace: WorkspaceEvents.WorkspaceCreated | null;
  /** Current values of the updatable fields, wire-named. */
  fields: Record<string, unknown>;
  status: 'active' | 'archived';
  deleted: boolean;
  /** Persistent: a workspace may hold tens of thousands of members, and each event changes one. */
  members: PersistentMap<Role>;
  /** Derived: pending periodic usage resets and the last one. */
  schedule: WorkspaceSchedule;
}

const UPDATABLE = ['name', 'description', 'icon', 'defaults', 'usage_limits', 'rate_limits', 'status'] as const;

/** A workspace and its team. Deleting one removes its members in the same append. */
export const workspaceDecider: Decider<WorkspaceCommand, WorkspaceEvent, WorkspaceState> = {
  initialState: () => ({ workspace: null, fields: {}, status: 'active', deleted: false, members: PersistentMap.empty(), schedule: EMPTY_WORKSPACE_SCHEDULE }),

  decide(command, state) {
    if (command.type === 'CreateWorkspace') {
      if (state.workspace) throw workspaceExists(command.workspace.workspaceId);
      const w = command.workspace;
      return [
        { type: 'WorkspaceCreated', data: { ...w, at: command.at } },
        ...command.members.map((m): WorkspaceEvent => ({
          type: 'WorkspaceMemberAdded',
          data: { workspaceId: w.workspaceId, orgId: w.orgId, userId: m.userId, role: m.role, at: command.at },
        })),
      ];
    }
    const ws = state.workspace;
    if (!ws || state.deleted) throw workspaceNotFound(command.workspaceId);
    const base = { workspaceId: ws.workspaceId, orgId: ws.orgId, at: command.at };
    switch (command.type) {
      case 'UpdateWorkspace': {
        const changes = Object.fromEntries(
          UPDATABLE.filter((f) => f in command.changes && JSON.stringify(command.changes[f]) !== JSON.stringify(state.fields[f])).map((f) => [f, command.changes[f]]),
        );
        if (changes.status === 'archived' && ws.isDefault) throw defaultWorkspaceProtected('archived');
        return Object.keys(changes).length ? [{ type: 'WorkspaceUpdated', data: { ...base, changes } }] : [];
      }
      case 'DeleteWorkspace': {
        if (ws.isDefault) throw defaultWorkspaceProtected('deleted');
        // The name is optional (Portkey's samples send none); one that is given must match.
        if (command.confirmName !== undefined && command.confirmName !== state.fields.name) throw nameConfirmationMismatch();
        if (command.dependants.count > 0 && !command.force) throw hasDependants(command.dependants.count, command.dependants.kinds);
        return [
          ...[...state.members.keys()].map((userId): WorkspaceEvent => ({ type: 'WorkspaceMemberRemoved', data: { ...base, userId } })),
          { type: 'WorkspaceDeleted', data: { ...base, slug: ws.slug, forced: command.force } },
        ];
      }
      case 'SetMember': {
        if (state.status === 'archived') throw workspaceArchived();
        const current = state.members.get(command.userId);
        if (current === command.role) return [];
        return current
          ? [{ type: 'WorkspaceMemberRoleChanged', data: { ...base, userId: command.userId, role: command.role, previousRole: current } }]
          : [{ type: 'WorkspaceMemberAdded', data: { ...base, userId: command.userId, role: command.role } }];
      }
      case 'ChangeMemberRole': {
        const current = state.members.get(command.userId);
        if (!current) throw memberNotFound(command.userId);
        if (current === command.role) return [];
        return [{ type: 'WorkspaceMemberRoleChanged', data: { ...base, userId: command.userId, role: command.role, previousRole: current } }];
      }
      case 'RemoveMember':
        if (!state.members.get(command.userId)) throw memberNotFound(command.userId);
        return [{ type: 'WorkspaceMemberRemoved', data: { ...base, userId: command.userId } }];
      case 'ResetUsageOnSchedule':
        return state.schedule.nextUsageResetAt[command.limitIndex] === command.due
          ? [{ type: 'WorkspaceUsageReset', data: { ...base, limitIndex: command.limitIndex, due: command.due } }]
          : [];
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    const next = evolveFields(state, event);
    return { ...next, schedule: evolveWorkspaceSchedule(state.schedule, event, next.fields.usage_limits as UsageResetRule[] | null) };
  },
};

function evolveFields(state: WorkspaceState, event: WorkspaceEvent): WorkspaceState {
  switch (event.type) {
    case 'WorkspaceCreated': {
      const d = event.data;
      const fields = { name: d.name, description: d.description, icon: d.icon, defaults: d.defaults, usage_limits: d.usageLimits, rate_limits: d.rateLimits, status: 'active' };
      return { ...state, workspace: d, fields };
    }
    case 'WorkspaceUpdated': {
      const fields = { ...state.fields, ...event.data.changes };
      return { ...state, fields, status: (fields.status as 'active' | 'archived') ?? state.status };
    }
    case 'WorkspaceDeleted':
      return { ...state, deleted: true };
    case 'WorkspaceUsageReset':
      return state;
    case 'WorkspaceMemberAdded':
    case 'WorkspaceMemberRoleChanged':
      return { ...state, members: state.members.set(event.data.userId, event.data.role) };
    case 'WorkspaceMemberRemoved': {
      return { ...state, members: state.members.delete(event.data.userId) };
    }
    default: {
      const exhaustive: never = event;
      return exhaustive;
    }
  }
}
