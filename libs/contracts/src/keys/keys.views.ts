import type { ApiKeyType } from './keys.dto.js';

/** `ApiKey` on the wire (reference §2.5); `key` is always masked here. */
export interface ApiKeyView {
  object: 'api-key';
  id: string;
  key: string;
  name: string;
  description: string | null;
  type: ApiKeyType;
  organisation_id: string;
  workspace_id: string | null;
  user_id: string | null;
  status: 'active' | 'exhausted';
  creation_mode: 'ui' | 'api' | 'auto';
  created_at: string;
  last_updated_at: string;
  rate_limits: unknown[];
  /** As set, with `next_usage_reset_at` derived by the server. */
  usage_limits: unknown | null;
  reset_usage: number;
  last_reset_at: string | null;
  next_usage_reset_at: string | null;
  scopes: string[];
  defaults: { metadata: Record<string, unknown> | null; config_id: string | null; allow_config_override: boolean };
  allow_config_override: number | null;
  api_key_defaults_id: string | null;
  alert_emails: string[] | null;
  expires_at: string | null;
  expiry_enforced: number;
  /** As set, with `next_rotation_at` derived by the server. */
  rotation_policy: Record<string, unknown> | null;
  last_rotated_at: string | null;
  key_transition_expires_at: string | null;
}

export interface CreatedApiKey extends ApiKeyView {
  /** The full secret: returned once, at creation. */
  key: string;
}

export interface RotatedApiKey {
  id: string;
  key: string;
  key_transition_expires_at: string;
  object: 'api-key';
}

/** What the gateway learns from a key; cached until an event says otherwise. */
export interface VerifiedKey {
  keyId: string;
  keyType: ApiKeyType;
  orgId: string;
  workspaceId: string | null;
  userId: string | null;
  scopes: string[];
  orgRole: 'owner' | 'admin' | 'member' | null;
  workspaceRole: 'admin' | 'manager' | 'member' | null;
  /** The key (or, during a rotation, this secret) stops working at this instant. */
  expiresAt: string | null;
  status: 'active' | 'exhausted';
}
