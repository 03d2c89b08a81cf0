import type { IntegrationModel } from './providers.events.js';
import type { RateLimit } from './rate-limits.js';

/** `Integration` on the wire (reference §2.7, plus what Terraform reads). */
export interface IntegrationView {
  object: 'integration';
  id: string;
  organisation_id: string;
  ai_provider_id: string;
  name: string;
  slug: string;
  description: string | null;
  status: 'active' | 'archived';
  created_at: string;
  last_updated_at: string;
  type: 'organisation' | 'workspace';
  workspace_id: string | null;
  masked_key: string | null;
  /** Non-secret fields as stored; secret ones masked. */
  configurations: Record<string, unknown>;
  secret_mappings: unknown[];
}

export interface IntegrationModelView {
  slug: string;
  name: string;
  enabled: boolean;
  is_custom: boolean;
  is_finetune: boolean;
  base_model_slug: string | null;
  configurations: Record<string, unknown> | null;
  pricing_config: Record<string, unknown> | null;
}

export interface IntegrationModelsView {
  total: number;
  allow_all_models: boolean;
  models: IntegrationModelView[];
}

export interface IntegrationWorkspaceView {
  /** The workspace's slug (Terraform matches it, or resolves a uuid to it). */
  id: string;
  workspace_id: string;
  enabled: boolean;
  usage_limits: unknown[];
  rate_limits: unknown[];
}

export interface IntegrationWorkspacesView {
  total: number;
  global_workspace_access: { enabled: boolean; usage_limits: unknown[]; rate_limits: unknown[] };
  workspaces: IntegrationWorkspaceView[];
}

export interface CreatedRef {
  id: string;
  slug: string;
  object?: string;
}

/** `Provider` on the wire: usage limits an object, rate limits an array. */
export interface ProviderView {
  object: 'provider';
  id: string;
  name: string;
  slug: string;
  /** The integration's slug. */
  integration_id: string;
  ai_provider_name: string;
  workspace_id: string;
  organisation_id: string;
  note: string | null;
  status: 'active' | 'exhausted' | 'expired';
  usage_limits: Record<string, unknown> | null;
  reset_usage: number;
  rate_limits: RateLimit[];
  model_config: Record<string, unknown> | null;
  created_at: string;
  last_updated_at: string;
  expires_at: string | null;
}

/** `VirtualKey` on the wire (reference §2.6): the same resource, the legacy shape. */
export interface VirtualKeyView {
  object: 'virtual-key';
  id: string;
  slug: string;
  name: string;
  note: string | null;
  status: 'active' | 'exhausted' | 'expired';
  created_at: string;
  last_updated_at: string;
  expires_at: string | null;
  last_reset_at: string | null;
  ai_provider_name: string;
  /** The list's name for `ai_provider_name`; both are sent everywhere. */
  provider: string;
  integration_id: string;
  model_config: Record<string, unknown>;
  masked_api_key: string | null;
  /** Always empty: the key is never returned. */
  key: '';
  usage_limits: Record<string, unknown> | null;
  reset_usage: number;
  rate_limits: RateLimit[];
  tags: string[];
  workspace_id: string;
  workspace_name: string | null;
  organisation_id: string;
}

export interface CreatedVirtualKey {
  id: string;
  slug: string;
  object: 'virtual-key';
  /** The spec's wrapper, sent alongside. */
  success: true;
  data: { slug: string; id: string };
}

/** What the completions path gets back: the only place a credential is decrypted. */
export interface ResolvedProviderCredentials {
  providerId: string;
  slug: string;
  workspaceId: string;
  integrationId: string;
  aiProvider: string;
  apiKey: string | null;
  /** Every configuration field, secret ones decrypted. */
  configurations: Record<string, unknown>;
  customHost: string | null;
  models: { allowAllModels: boolean; models: IntegrationModel[] };
}
