/** A config in lists (reference §2.8, live shape). */
export interface ConfigSummaryView {
  object: 'config';
  id: string;
  name: string;
  slug: string;
  workspace_id: string;
  organisation_id: string;
  is_default: 0 | 1;
  status: 'active' | 'archived';
  owner_id: string;
  updated_by: string;
  created_at: string;
  last_updated_at: string;
}

/** GET /configs/{slug} (and each entry of its versions): flat, `config` as a JSON string. */
export interface ConfigView extends ConfigSummaryView {
  config: string;
  format: 'json';
  type: 'ORG_CONFIG';
  version_id: string;
  /** Ours: the version's number (1, 2 …), what `?version=N` selects. */
  version: number;
}

/** POST /configs: Terraform reads the top-level ids, the spec the wrapped ones; both are sent. */
export interface CreatedConfigView {
  object: 'config';
  id: string;
  slug: string;
  version_id: string;
  success: true;
  data: { id: string; version_id: string };
}

export interface UpdatedConfigView {
  object: 'config';
  version_id: string;
  success: true;
  data: { version_id: string };
}
