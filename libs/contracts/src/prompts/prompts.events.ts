/**
 * Event payloads of the prompt library (workspaces service). Streams: `promptCollection-<id>`,
 * `prompt-<id>`, `promptPartial-<id>`, `promptLabel-<id>`, and slug reservations
 * `collectionSlug-…`, `promptSlug-…`, `partialSlug-…` (`<orgId>_<slug>`).
 */

/** Why a resource went away: a request, or its workspace's forced deletion. */
export type RemovalReason = 'api' | 'workspace_deleted';

export interface PromptCollectionCreated {
  collectionId: string;
  orgId: string;
  workspaceId: string;
  slug: string;
  name: string;
  parentCollectionId: string | null;
  isDefault: boolean;
  createdBy: string;
  at: string;
}
export interface PromptCollectionUpdated {
  collectionId: string;
  orgId: string;
  workspaceId: string;
  changes: { name?: string };
  at: string;
}
export interface PromptCollectionDeleted {
  collectionId: string;
  orgId: string;
  workspaceId: string;
  slug: string;
  reason: RemovalReason;
  at: string;
}

/** What one prompt version holds, decoded; never changes once recorded. */
export interface PromptVersionContent {
  string: string;
  parameters: Record<string, unknown>;
  model: string | null;
  virtualKey: string | null;
  functions: unknown[] | null;
  tools: unknown[] | null;
  toolChoice: unknown;
  templateMetadata: Record<string, unknown> | null;
  isRawTemplate: 0 | 1;
  versionDescription: string | null;
}

/**
 * A version as events carry it: the client's free-form JSON (parameters, functions, tools,
 * tool_choice, template_metadata) travels as JSON text, so nothing a client may put there (a
 * `metadata` property in a tool's schema, keys with dots or NULs, deep nesting) can make the event
 * unstorable or park it in a projection. `version-codec.ts` converts.
 */
export interface StoredVersionContent {
  string: string;
  model: string | null;
  virtualKey: string | null;
  isRawTemplate: 0 | 1;
  versionDescription: string | null;
  /** JSON text of `{parameters, functions, tools, toolChoice, templateMetadata}`. */
  freeForm: string;
}

interface PromptBase {
  promptId: string;
  orgId: string;
  workspaceId: string;
  at: string;
}
export interface PromptCreated extends PromptBase {
  collectionId: string;
  slug: string;
  name: string;
  /** JSON text (free-form, like a version's fields). */
  promptMetadataJson: string | null;
  versionId: string;
  version: 1;
  content: StoredVersionContent;
  createdBy: string;
}
export interface PromptUpdated extends PromptBase {
  changes: { name?: string; collectionId?: string; promptMetadataJson?: string };
}
export interface PromptVersionCreated extends PromptBase {
  versionId: string;
  version: number;
  content: StoredVersionContent;
}
export interface PromptVersionPublished extends PromptBase {
  versionId: string;
  version: number;
  previousVersion: number;
  /** Of the published version: what the prompt list shows and who-uses-this-key asks. */
  model: string | null;
  virtualKey: string | null;
}
export interface PromptVersionLabelled extends PromptBase {
  versionId: string;
  labelId: string | null;
  /** Other versions of the prompt that held the label: a label marks one version per prompt. */
  clearedVersionIds: string[];
}
export interface PromptDeleted extends PromptBase {
  slug: string;
  versionIds: string[];
  reason: RemovalReason;
}

export interface PartialVersionContent {
  string: string;
  versionDescription: string | null;
}

interface PartialBase {
  partialId: string;
  orgId: string;
  workspaceId: string;
  at: string;
}
export interface PromptPartialCreated extends PartialBase {
  collectionId: string;
  slug: string;
  name: string;
  versionId: string;
  version: 1;
  content: PartialVersionContent;
  createdBy: string;
}
export interface PromptPartialUpdated extends PartialBase {
  changes: { name?: string; status?: 'active' | 'archived' };
}
export interface PromptPartialVersionCreated extends PartialBase {
  versionId: string;
  version: number;
  content: PartialVersionContent;
}
export interface PromptPartialVersionPublished extends PartialBase {
  versionId: string;
  version: number;
  previousVersion: number;
}
export interface PromptPartialDeleted extends PartialBase {
  slug: string;
  versionIds: string[];
  reason: RemovalReason;
}

export interface PromptLabelCreated {
  labelId: string;
  orgId: string;
  /** Null: an organisation label, usable in every workspace. */
  workspaceId: string | null;
  name: string;
  description: string | null;
  colorCode: string | null;
  createdBy: string;
  at: string;
}
export interface PromptLabelUpdated {
  labelId: string;
  orgId: string;
  workspaceId: string | null;
  changes: { name?: string; description?: string; colorCode?: string };
  at: string;
}
export interface PromptLabelDeleted {
  labelId: string;
  orgId: string;
  workspaceId: string | null;
  reason: RemovalReason;
  at: string;
}

/** Slug reservations (`expectedRevision: no_stream`): one resource per slug in an organisation. */
export interface LibrarySlugReserved {
  orgId: string;
  slug: string;
  resourceId: string;
  at: string;
}
