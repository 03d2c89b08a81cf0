import type { PolicyEvents } from '#libs/contracts';
import { deterministicEventId, type EventStore, type NewEvent } from '#libs/event-store';

export interface SyntheticPoliciesOptions {
  orgId: string;
  /** Workspaces of the organisation (from `seedSyntheticOrg`); every fourth policy is org-wide. */
  workspaceIds: string[];
  policies: number;
  /** Also emit updates, usage resets and archivals. */
  churn?: boolean;
  startMs?: number;
}

const uuid = (seed: string) => deterministicEventId(seed, 0);

/**
 * Usage-limits and rate-limits policies as the workspaces service would have recorded them,
 * appended straight to the event store; deterministic for an organisation (the engines' query
 * parity suite compares on it).
 */
export async function seedSyntheticPolicies(store: EventStore, options: SyntheticPoliciesOptions): Promise<{ appends: number }> {
  const { orgId, workspaceIds } = options;
  const start = options.startMs ?? Date.parse('2026-03-01T00:00:00.000Z');
  let clock = 0;
  // Timestamps shared by several policies: lists must break ties by id on every engine.
  const at = () => new Date(start + Math.floor(clock++ / 3) * 1000).toISOString();
  const by = uuid(`${orgId}:user:0`);
  let appends = 0;
  for (let i = 0; i < options.policies; i++) {
    const policyId = uuid(`${orgId}:policy:${i}`);
    const kind: PolicyEvents.LimitPolicyKind = i % 2 ? 'rate' : 'usage';
    const workspaceId = i % 4 === 3 ? null : workspaceIds[i % workspaceIds.length]!;
    const stream = `limitPolicy-${policyId}`;
    const event = (type: string, data: unknown, n: number): NewEvent => ({ id: uuid(`${stream}:${type}:${n}`), type, data, metadata: { orgId } });
    const created: PolicyEvents.LimitPolicyCreated = {
      policyId,
      kind,
      orgId,
      workspaceId,
      name: i % 5 ? `policy ${i}` : null,
      conditions: [{ key: i % 3 ? 'workspace_id' : 'metadata.team', value: i % 3 ? (workspaceId ?? '*') : `team-${i % 7}` }],
      groupBy: [{ key: i % 2 ? 'api_key' : 'metadata.user' }],
      type: kind === 'rate' ? (i % 3 ? 'requests' : 'tokens') : i % 3 ? 'cost' : 'tokens',
      value: 10 + (i % 17) * 5,
      unit: kind === 'rate' ? ['rpm', 'rph', 'rpd'][i % 3]! : null,
      alertThreshold: kind === 'usage' && i % 2 === 0 ? 5 : null,
      periodicReset: kind === 'usage' ? ([null, 'weekly', 'monthly'] as const)[i % 3]! : null,
      by,
      at: at(),
    };
    const events: NewEvent[] = [event('LimitPolicyCreated', created, 0)];
    if (options.churn) {
      const base = { policyId, kind, orgId, workspaceId };
      if (i % 3 === 0) events.push(event('LimitPolicyUpdated', { ...base, changes: { value: created.value * 2, name: `renamed ${i}` }, at: at() }, 1));
      if (kind === 'usage' && i % 4 === 0) events.push(event('LimitPolicyUsageReset', { ...base, valueKey: null, at: at() }, 2));
      if (i % 7 === 0) events.push(event('LimitPolicyArchived', { ...base, at: at() }, 3));
    }
    await store.append(stream, events);
    appends++;
  }
  return { appends };
}
