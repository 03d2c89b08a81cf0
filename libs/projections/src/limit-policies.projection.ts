import type { LimitPolicyView, PolicyEvents } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

/** A usage-limits or rate-limits policy as it stands now (archived ones stay, with their status). */
export interface LimitPolicyDoc extends ProjectedDocument {
  kind: PolicyEvents.LimitPolicyKind;
  orgId: string;
  workspaceId: string | null;
  name: string | null;
  conditions: PolicyEvents.PolicyCondition[];
  groupBy: Array<{ key: string }>;
  type: string;
  value: number;
  unit: string | null;
  alertThreshold: number | null;
  periodicReset: 'weekly' | 'monthly' | null;
  status: 'active' | 'archived';
  lastResetAt: string | null;
  createdAt: string;
  lastUpdatedAt: string;
}

export const limitPoliciesProjection: ProjectionDefinition<LimitPolicyDoc> = {
  name: 'limit-policies-projection',
  collection: 'limit_policies',
  categories: ['limitPolicy'],
  keysOf: (event) => [(event.data as { policyId: string }).policyId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'LimitPolicyCreated': {
        const { policyId, by: _by, at, ...d } = event.data as PolicyEvents.LimitPolicyCreated;
        return { _id: policyId, ...d, status: 'active', lastResetAt: null, createdAt: at, lastUpdatedAt: at };
      }
      case 'LimitPolicyUpdated': {
        const d = event.data as PolicyEvents.LimitPolicyUpdated;
        return doc && { ...doc, ...d.changes, lastUpdatedAt: d.at };
      }
      case 'LimitPolicyUsageReset':
        return doc && { ...doc, lastResetAt: (event.data as PolicyEvents.LimitPolicyUsageReset).at };
      case 'LimitPolicyArchived':
        return doc && { ...doc, status: 'archived', lastUpdatedAt: (event.data as PolicyEvents.LimitPolicyArchived).at };
      default:
        return doc;
    }
  },
  indexes: {
    // An organisation's policies of one kind and status, oldest first; and the same in one workspace.
    byOrg: ['orgId', 'kind', 'status', 'createdAt'],
    byWorkspace: ['orgId', 'kind', 'status', 'workspaceId', 'createdAt'],
  },
};

/** When a periodic usage policy next starts again (UTC calendar month, or Monday for weekly). */
function nextReset(periodicReset: 'weekly' | 'monthly' | null, now: number): string | null {
  const d = new Date(now);
  if (periodicReset === 'monthly') return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)).toISOString();
  if (periodicReset === 'weekly') {
    const day = (d.getUTCDay() + 6) % 7;
    return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 7)).toISOString();
  }
  return null;
}

export function toLimitPolicyView(doc: LimitPolicyDoc, now = Date.now()): LimitPolicyView {
  const base = {
    id: doc._id,
    name: doc.name,
    conditions: doc.conditions,
    group_by: doc.groupBy,
    type: doc.type,
    status: doc.status,
    workspace_id: doc.workspaceId,
    organisation_id: doc.orgId,
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
  };
  if (doc.kind === 'rate') return { ...base, object: 'policy_rate_limits', unit: doc.unit ?? 'rpm', value: doc.value };
  return {
    ...base,
    object: 'policy_usage_limits',
    credit_limit: doc.value,
    alert_threshold: doc.alertThreshold,
    periodic_reset: doc.periodicReset,
    periodic_reset_days: null,
    next_usage_reset_at: nextReset(doc.periodicReset, now),
    last_reset_at: doc.lastResetAt,
  };
}
