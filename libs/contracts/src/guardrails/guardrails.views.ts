import type { GuardrailCheck } from './guardrails.events.js';

/** A guardrail in lists (reference §2.10). */
export interface GuardrailSummaryView {
  object: 'guardrail';
  id: string;
  name: string;
  slug: string;
  organisation_id: string;
  workspace_id: string | null;
  status: 'active' | 'archived';
  owner_id: string;
  updated_by: string;
  created_at: string;
  last_updated_at: string;
  version_id: string;
}

/** GET /guardrails/{id}: checks and actions exactly as they were sent. */
export interface GuardrailView extends GuardrailSummaryView {
  checks: GuardrailCheck[];
  actions: Record<string, unknown>;
  /** Ours: the version's number, what `?version=N` selects. */
  version: number;
}

/** POST and PUT /guardrails answer the ids. */
export interface GuardrailIdsView {
  id: string;
  slug: string;
  version_id: string;
}

/** `{data, total}` (the spec's shape), with `object` as the other lists have. */
export interface GuardrailListView {
  object: 'list';
  total: number;
  data: GuardrailSummaryView[];
}
