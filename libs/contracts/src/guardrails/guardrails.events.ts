/**
 * Event payloads of guardrails (workspaces service). Streams: `guardrail-<id>` (the guardrail and
 * its versions), `guardrailSlug-<orgId>_<slug>` (slug reservation).
 */
export interface GuardrailCheck {
  id: string;
  parameters?: Record<string, unknown>;
  is_enabled?: boolean;
  name?: string;
}

/**
 * What one version holds; versions are immutable. Checks and actions are the client's JSON, kept
 * as JSON text (Portkey's `feedback.metadata` is a string, which a projector would refuse as a
 * `metadata` field): `GuardrailCheck[]` and an object.
 */
export interface GuardrailVersionSnapshot {
  versionId: string;
  version: number;
  name: string;
  checksJson: string;
  actionsJson: string;
  by: string;
}

export interface GuardrailCreated extends GuardrailVersionSnapshot {
  guardrailId: string;
  orgId: string;
  /** null: an organisation-level guardrail. */
  workspaceId: string | null;
  slug: string;
  at: string;
}

export interface GuardrailUpdated extends GuardrailVersionSnapshot {
  guardrailId: string;
  orgId: string;
  workspaceId: string | null;
  at: string;
}

export interface GuardrailDeleted {
  guardrailId: string;
  orgId: string;
  workspaceId: string | null;
  slug: string;
  versions: number;
  reason: 'deleted' | 'workspace_deleted';
  at: string;
}

export interface GuardrailSlugReserved {
  orgId: string;
  slug: string;
  guardrailId: string;
  at: string;
}
