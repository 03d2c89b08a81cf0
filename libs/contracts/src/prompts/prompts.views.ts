/** Wire shapes of the prompt library (reference §2.9; field names as the SDK and Terraform read them). */

export interface CollectionDetails {
  child_collections_count: number;
  prompts_count: number;
  partials_count: number;
}

export interface CollectionView {
  object: 'collection';
  id: string;
  name: string;
  slug: string;
  workspace_id: string;
  organisation_id: string;
  parent_collection_id: string | null;
  is_default: 0 | 1;
  status: 'active';
  created_by: string;
  created_at: string;
  last_updated_at: string;
  collection_details: CollectionDetails;
  /** GET /collections/{id} only. */
  child_collections?: Array<Omit<CollectionView, 'child_collections' | 'collection_details'>>;
}

/** GET /prompts/{id}: the prompt with one version's content (the published one unless `?version=`). */
export interface PromptView {
  object: 'prompt';
  id: string;
  slug: string;
  name: string;
  collection_id: string;
  workspace_id: string;
  organisation_id: string;
  string: string;
  parameters: Record<string, unknown>;
  model: string | null;
  virtual_key: string | null;
  functions: unknown[] | null;
  tools: unknown[] | null;
  tool_choice: unknown;
  template_metadata: Record<string, unknown> | null;
  is_raw_template: 0 | 1;
  prompt_metadata: Record<string, unknown> | null;
  status: 'active';
  created_at: string;
  last_updated_at: string;
  prompt_version: number;
  prompt_version_id: string;
  prompt_version_status: 'active';
  prompt_version_description: string | null;
  prompt_version_label_id: string | null;
  /** The version served without `?version=` (absent when a version is pinned). */
  published_version?: number;
}

export interface PromptListItem {
  object: 'prompt';
  id: string;
  slug: string;
  name: string;
  collection_id: string;
  workspace_id: string;
  model: string | null;
  status: 'active';
  created_at: string;
  last_updated_at: string;
}

export interface PromptVersionListItem {
  object: 'prompt_version';
  id: string;
  prompt_id: string;
  prompt_template: string;
  prompt_version: number;
  prompt_description: string | null;
  label_id: string | null;
  model: string | null;
  virtual_key: string | null;
  parameters: Record<string, unknown>;
  status: 'active';
  is_published: 0 | 1;
  created_at: string;
}

export interface CreatedPrompt {
  object: 'prompt';
  id: string;
  slug: string;
  version_id: string;
}

export interface UpdatedPrompt {
  id: string;
  slug: string;
  /** The newest version: the one this update made, or the latest when it made none. */
  prompt_version_id: string;
  prompt_version: number;
}

export interface PartialView {
  object: 'partial';
  id: string;
  slug: string;
  name: string;
  collection_id: string;
  workspace_id: string;
  string: string;
  version: number;
  version_description: string | null;
  prompt_partial_version_id: string;
  prompt_partial_version_status: 'active';
  status: 'active' | 'archived';
  created_at: string;
  last_updated_at: string;
  /** The version served without `?version=` (absent when a version is pinned). */
  published_version?: number;
}

export type PartialListItem = Omit<PartialView, 'string'>;

export interface PartialVersionListItem {
  object: 'partial';
  prompt_partial_id: string;
  prompt_partial_version_id: string;
  slug: string;
  version: number;
  string: string;
  description: string | null;
  version_description: string | null;
  prompt_version_status: 'active';
  is_published: 0 | 1;
  created_at: string;
}

export interface LabelView {
  object: 'label';
  id: string;
  name: string;
  description: string | null;
  color_code: string | null;
  organisation_id: string;
  workspace_id: string | null;
  /** Organisation labels are usable in every workspace. */
  is_universal: boolean;
  status: 'active';
  created_by: string;
  created_at: string;
  last_updated_at: string;
}

/** POST /prompts/{id}/render: the request body a completion would send. */
export interface RenderedPrompt {
  success: true;
  data: Record<string, unknown> & { messages?: unknown[]; prompt?: string };
}

/** What `prompts.renderForCompletion` answers: the rendered body and what the log record names. */
export interface RenderedForCompletion {
  data: RenderedPrompt['data'];
  promptSlug: string;
  promptVersionId: string;
  /** The version's virtual key, used when the request names no routing of its own. */
  virtualKey: string | null;
}
