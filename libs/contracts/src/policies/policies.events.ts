/** Event payloads of limit policies (workspaces service). Stream `limitPolicy-<id>`. */
export type LimitPolicyKind = 'usage' | 'rate';

export interface PolicyCondition {
  key: string;
  value: string;
}

export interface LimitPolicyCreated {
  policyId: string;
  kind: LimitPolicyKind;
  orgId: string;
  workspaceId: string | null;
  name: string | null;
  conditions: PolicyCondition[];
  groupBy: Array<{ key: string }>;
  /** usage: cost|tokens; rate: requests|tokens. */
  type: string;
  /** usage: credit_limit; rate: value. */
  value: number;
  /** rate: rpm|rph|rpd. */
  unit: string | null;
  alertThreshold: number | null;
  periodicReset: 'weekly' | 'monthly' | null;
  by: string;
  at: string;
}

export interface LimitPolicyUpdated {
  policyId: string;
  kind: LimitPolicyKind;
  orgId: string;
  workspaceId: string | null;
  /** Only what changed, camel-named as in `LimitPolicyCreated` (plus `status`). */
  changes: Partial<Pick<LimitPolicyCreated, 'name' | 'value' | 'unit' | 'alertThreshold' | 'periodicReset'>> & { status?: 'active' | 'archived' };
  at: string;
}

export interface LimitPolicyUsageReset {
  policyId: string;
  kind: LimitPolicyKind;
  orgId: string;
  workspaceId: string | null;
  valueKey: string | null;
  at: string;
}

export interface LimitPolicyArchived {
  policyId: string;
  kind: LimitPolicyKind;
  orgId: string;
  workspaceId: string | null;
  at: string;
}
