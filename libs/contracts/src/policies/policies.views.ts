export interface PolicyConditionView {
  key: string;
  value: string;
}

interface PolicyViewBase {
  id: string;
  name: string | null;
  conditions: PolicyConditionView[];
  group_by: Array<{ key: string }>;
  type: string;
  status: 'active' | 'archived';
  workspace_id: string | null;
  organisation_id: string;
  created_at: string;
  last_updated_at: string;
}

export interface UsageLimitsPolicyView extends PolicyViewBase {
  object: 'policy_usage_limits';
  credit_limit: number;
  alert_threshold: number | null;
  periodic_reset: 'weekly' | 'monthly' | null;
  periodic_reset_days: null;
  next_usage_reset_at: string | null;
  last_reset_at: string | null;
  value_key_usage_map?: Record<string, unknown>;
}

export interface RateLimitsPolicyView extends PolicyViewBase {
  object: 'policy_rate_limits';
  unit: string;
  value: number;
}

export type LimitPolicyView = UsageLimitsPolicyView | RateLimitsPolicyView;

export interface PolicyIdsView {
  id: string;
  object: 'policy_usage_limits' | 'policy_rate_limits';
}

export interface PolicyListView {
  object: 'list';
  total: number;
  data: LimitPolicyView[];
}

/** One group value of a usage-limits policy (`GET /policies/usage-limits/{id}/entities`). */
export interface PolicyEntityView {
  id: string;
  value_key: string;
  /** Usage in the current period: dollars (cost) or tokens. */
  current_usage: number;
  status: 'active' | 'exhausted';
  is_threshold_alerts_sent: boolean;
  is_exhausted_alerts_sent: boolean;
}

export interface PolicyEntityListView {
  object: 'list';
  total: number;
  data: PolicyEntityView[];
}
