import type { ConfigReferences } from './config-references.js';

/**
 * Event payloads of configs (workspaces service). Streams: `config-<id>` (the config and its
 * versions), `configSlug-<orgId>_<slug>` (slug reservation), `configDefault-<workspaceId>` (which
 * config is the workspace's default).
 */
export type ConfigStatus = 'active' | 'archived';

/**
 * What one version holds; versions are immutable. The body is kept as JSON text: it is the
 * client's JSON, and no field inside it (a `metadata` that is not a metadata map …) may make the
 * event unprojectable.
 */
export interface ConfigVersionSnapshot {
  versionId: string;
  version: number;
  name: string;
  configJson: string;
  status: ConfigStatus;
  /** Who made this version (user id, else key id). */
  by: string;
}

export interface ConfigCreated extends ConfigVersionSnapshot {
  configId: string;
  orgId: string;
  workspaceId: string;
  slug: string;
  references: ConfigReferences;
  at: string;
}

/** A new version: every update is one. */
export interface ConfigUpdated extends ConfigVersionSnapshot {
  configId: string;
  orgId: string;
  workspaceId: string;
  references: ConfigReferences;
  /** The references of the version it replaces (read models drop those no longer named). */
  previousReferences: ConfigReferences;
  at: string;
}

export interface ConfigDeleted {
  configId: string;
  orgId: string;
  workspaceId: string;
  slug: string;
  /** How many versions there were (their documents go too). */
  versions: number;
  references: ConfigReferences;
  reason: 'deleted' | 'workspace_deleted';
  at: string;
}

export interface ConfigSlugReserved {
  orgId: string;
  slug: string;
  configId: string;
  at: string;
}

/** The workspace's default config moved (configId null: it has none now). */
export interface DefaultConfigChanged {
  orgId: string;
  workspaceId: string;
  configId: string | null;
  previousConfigId: string | null;
  at: string;
}
