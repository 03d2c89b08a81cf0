import type { RateLimit } from './rate-limits.js';

/**
 * Event payloads of the keys service for integrations, providers (virtual keys are providers)
 * and the organisations' data keys. Streams `integration-<id>`, `provider-<id>`, `dataKey-<org>`,
 * and slug reservations `integrationSlug-<org>_<slug>`, `providerSlug-<workspace>_<slug>`.
 *
 * Secrets appear only sealed (AES-256-GCM under the organisation's data key, see libs/secrets)
 * and masked: no event, and so no read model or audit record, holds a plaintext credential.
 */

/** A sealed secret: the id of the data key it is encrypted under and the `v1.<iv>.<ct>.<tag>` box. */
export interface SealedSecret {
  kid: string;
  box: string;
}

/** What an integration's credentials look like once sealed. */
export interface IntegrationSecrets {
  /** The provider key (`key` on the wire), or null when the integration has none. */
  key: SealedSecret | null;
  maskedKey: string | null;
  /** Secret fields of `configurations` (see `isSecretConfigurationField`), sealed as JSON text. */
  sealedConfigurations: Record<string, SealedSecret>;
  maskedConfigurations: Record<string, string>;
}

export interface IntegrationModel {
  slug: string;
  enabled: boolean;
  is_custom: boolean;
  is_finetune: boolean;
  base_model_slug: string | null;
  configurations: Record<string, unknown> | null;
  pricing_config: Record<string, unknown> | null;
}

export interface WorkspaceAccess {
  enabled: boolean;
  usage_limits: unknown[];
  rate_limits: unknown[];
}

export interface IntegrationCreated extends IntegrationSecrets {
  integrationId: string;
  orgId: string;
  /** Workspace-scoped integrations live in one workspace; organisation ones have none. */
  workspaceId: string | null;
  /** The hidden integration behind a virtual key: never listed, deleted with its key. */
  private: boolean;
  slug: string;
  name: string;
  aiProviderId: string;
  description: string | null;
  /** The non-secret configuration fields, as given. */
  configurations: Record<string, unknown>;
  secretMappings: unknown[] | null;
  createdBy: string;
  at: string;
}

export interface IntegrationUpdated {
  integrationId: string;
  orgId: string;
  workspaceId: string | null;
  /** Only what changed, wire-named (`name`, `description`, `configurations`, `secret_mappings`). */
  changes: Record<string, unknown>;
  /** Present when the key or a secret configuration field changed: the whole new secret set. */
  secrets?: IntegrationSecrets;
  at: string;
}

export interface IntegrationModelsChanged {
  integrationId: string;
  orgId: string;
  workspaceId: string | null;
  allowAllModels: boolean;
  /** The whole list after the change. */
  models: IntegrationModel[];
  at: string;
}

export interface IntegrationWorkspaceAccessChanged {
  integrationId: string;
  orgId: string;
  /** Access for every workspace without an entry of its own; unchanged when absent. */
  global?: WorkspaceAccess;
  /** The entries this change sets, by workspace id. */
  workspaces: Array<WorkspaceAccess & { workspaceId: string }>;
  /** Entries removed (`override_existing_workspace_access`). */
  removedWorkspaceIds: string[];
  at: string;
}

export interface IntegrationDeleted {
  integrationId: string;
  orgId: string;
  workspaceId: string | null;
  slug: string;
  private: boolean;
  /** Every workspace that had an access entry (their read-model rows go too). */
  accessWorkspaceIds: string[];
  reason: 'deleted' | 'workspace_deleted';
  at: string;
}

export type ProviderKind = 'provider' | 'virtual-key';

export interface ProviderCreated {
  providerId: string;
  orgId: string;
  workspaceId: string;
  slug: string;
  name: string;
  note: string | null;
  integrationId: string;
  /** Copied from the integration (immutable there), so lists need no join for it. */
  aiProviderId: string;
  /** Which route made it; both are the same resource seen through two views. */
  kind: ProviderKind;
  usageLimits: Record<string, unknown> | null;
  rateLimits: RateLimit[];
  expiresAt: string | null;
  modelConfig: Record<string, unknown> | null;
  createdBy: string;
  at: string;
}

export interface ProviderUpdated {
  providerId: string;
  orgId: string;
  workspaceId: string;
  /** Only what changed, wire-named (`name`, `note`, `usage_limits`, `rate_limits`, `expires_at`, `model_config`, `reset_usage`). */
  changes: Record<string, unknown>;
  at: string;
}

export interface ProviderDeleted {
  providerId: string;
  orgId: string;
  workspaceId: string;
  slug: string;
  integrationId: string;
  kind: ProviderKind;
  reason: 'deleted' | 'workspace_deleted';
  at: string;
}

/** A slug held by one integration (per organisation) or provider (per workspace). */
export interface SlugReserved {
  scopeId: string;
  slug: string;
  ownerId: string;
  at: string;
}

export interface SlugReleased {
  scopeId: string;
  slug: string;
  ownerId: string;
  at: string;
}

/**
 * An organisation's data key, wrapped (AES-256-GCM) by the deployment's master key. Only the
 * wrapped form and the master key's id are stored.
 */
export interface DataKeyCreated {
  orgId: string;
  keyId: string;
  wrapped: string;
  masterKeyId: string;
  at: string;
}

/** The same data key, wrapped by another master key (`portcullis keys rewrap`). */
export interface DataKeyRewrapped {
  orgId: string;
  keyId: string;
  wrapped: string;
  masterKeyId: string;
  previousMasterKeyId: string;
  at: string;
}
