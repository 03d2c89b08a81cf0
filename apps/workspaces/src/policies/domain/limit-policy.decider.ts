import type { Decider } from '#libs/event-store';
import type { PolicyEvents } from '#libs/contracts';
import { policyExists, policyNotFound } from './limit-policy.errors.js';

export type LimitPolicyEvent =
  | { type: 'LimitPolicyCreated'; data: PolicyEvents.LimitPolicyCreated }
  | { type: 'LimitPolicyUpdated'; data: PolicyEvents.LimitPolicyUpdated }
  | { type: 'LimitPolicyUsageReset'; data: PolicyEvents.LimitPolicyUsageReset }
  | { type: 'LimitPolicyArchived'; data: PolicyEvents.LimitPolicyArchived };

export type LimitPolicyChanges = PolicyEvents.LimitPolicyUpdated['changes'];

export type LimitPolicyCommand =
  | { type: 'CreateLimitPolicy'; policy: PolicyEvents.LimitPolicyCreated }
  | { type: 'UpdateLimitPolicy'; policyId: string; changes: LimitPolicyChanges; resetValueKey: string | null; at: string }
  | { type: 'ArchiveLimitPolicy'; policyId: string; at: string };

export interface LimitPolicyState {
  policy: PolicyEvents.LimitPolicyCreated | null;
  status: 'active' | 'archived';
}

/**
 * A usage-limits or rate-limits policy. Deleting archives it (reference §2.15: a soft delete);
 * an archived policy no longer applies, and `status: active` on update brings it back.
 */
export const limitPolicyDecider: Decider<LimitPolicyCommand, LimitPolicyEvent, LimitPolicyState> = {
  initialState: () => ({ policy: null, status: 'active' }),

  decide(command, state) {
    if (command.type === 'CreateLimitPolicy') {
      if (state.policy) throw policyExists(command.policy.policyId);
      return [{ type: 'LimitPolicyCreated', data: command.policy }];
    }
    const policy = state.policy;
    if (!policy) throw policyNotFound(command.policyId);
    const identity = { policyId: policy.policyId, kind: policy.kind, orgId: policy.orgId, workspaceId: policy.workspaceId };
    switch (command.type) {
      case 'UpdateLimitPolicy': {
        const changes = Object.fromEntries(
          Object.entries(command.changes).filter(([k, v]) => v !== undefined && (k === 'status' ? v !== state.status : v !== (policy as unknown as Record<string, unknown>)[k])),
        ) as LimitPolicyChanges;
        const events: LimitPolicyEvent[] = [];
        if (Object.keys(changes).length) events.push({ type: 'LimitPolicyUpdated', data: { ...identity, changes, at: command.at } });
        if (command.resetValueKey !== null) events.push({ type: 'LimitPolicyUsageReset', data: { ...identity, valueKey: command.resetValueKey, at: command.at } });
        return events;
      }
      case 'ArchiveLimitPolicy':
        if (state.status === 'archived') return [];
        return [{ type: 'LimitPolicyArchived', data: { ...identity, at: command.at } }];
      default: {
        const exhaustive: never = command;
        throw new Error(`unknown command ${(exhaustive as { type: string }).type}`);
      }
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'LimitPolicyCreated':
        return { policy: event.data, status: 'active' };
      case 'LimitPolicyUpdated': {
        const { status, ...rest } = event.data.changes;
        return { policy: state.policy && { ...state.policy, ...rest }, status: status ?? state.status };
      }
      case 'LimitPolicyUsageReset':
        return state;
      case 'LimitPolicyArchived':
        return { ...state, status: 'archived' };
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  },
};
