import type { ApiKeyType } from './keys.dto.js';

/**
 * Event payloads of the keys service. Stream `apiKey-<id>`. Secrets appear only as HMAC-SHA-256
 * digests (with the server pepper) and a masked display form.
 */
export interface ApiKeySettings {
  description: string | null;
  rateLimits: unknown[] | null;
  usageLimits: unknown | null;
  defaults: Record<string, unknown> | null;
  alertEmails: string[] | null;
  expiresAt: string | null;
  rotationPolicy: Record<string, unknown> | null;
}

export interface ApiKeyCreated extends ApiKeySettings {
  keyId: string;
  orgId: string;
  workspaceId: string | null;
  userId: string | null;
  type: ApiKeyType;
  name: string;
  scopes: string[];
  digest: string;
  masked: string;
  creationMode: 'api' | 'auto';
  createdBy: string;
  at: string;
}

export interface ApiKeyUpdated {
  keyId: string;
  orgId: string;
  workspaceId: string | null;
  /** Only what changed, wire-named (`scopes`, `rate_limits` …). */
  changes: Record<string, unknown>;
  at: string;
}

export interface ApiKeyRotated {
  keyId: string;
  orgId: string;
  workspaceId: string | null;
  digest: string;
  masked: string;
  previousDigest: string;
  previousValidUntil: string;
  /** Absent on events from before scheduled rotations existed: on demand. */
  reason?: 'on_demand' | 'scheduled';
  at: string;
}

/**
 * Usage counters started again: asked for (`reset_usage: true` on PUT, a one-off trigger, not a
 * stored flag) or periodic (`due` is the boundary that passed).
 */
export interface ApiKeyUsageReset {
  keyId: string;
  orgId: string;
  workspaceId: string | null;
  reason: 'requested' | 'periodic';
  due: string | null;
  at: string;
}

export interface ApiKeyDeleted {
  keyId: string;
  orgId: string;
  workspaceId: string | null;
  userId: string | null;
  reason: 'deleted' | 'user_removed' | 'workspace_deleted';
  digests: string[];
  at: string;
}
