import type { Schema } from './schema-from-class.js';

const str = { type: 'string' };
const nstr = { type: 'string', nullable: true };
const time = { type: 'string', format: 'date-time' };
const ntime = { type: 'string', format: 'date-time', nullable: true };
const strings = { type: 'array', items: str };
const obj = (properties: Record<string, Schema>, required = Object.keys(properties)): Schema => ({ type: 'object', properties, required });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const list = (item: string) => obj({ object: { type: 'string', enum: ['list'] }, total: { type: 'integer' }, data: { type: 'array', items: ref(item) } });

const usageLimitsView = obj(
  {
    credit_limit: { type: 'integer' },
    type: { type: 'string', enum: ['cost', 'tokens'], description: 'Absent means cost.' },
    alert_threshold: { type: 'integer' },
    periodic_reset: { type: 'string', enum: ['monthly', 'weekly'], nullable: true },
    periodic_reset_days: { type: 'integer', nullable: true },
    next_usage_reset_at: { ...ntime, description: 'Derived by the server.' },
  },
  ['credit_limit', 'next_usage_reset_at'],
);
const rateLimitView = obj({ type: { type: 'string', enum: ['requests', 'tokens'] }, unit: str, value: { type: 'integer' } });

const member = obj({
  object: { type: 'string', enum: ['workspace-user'] },
  id: str,
  first_name: str,
  last_name: str,
  email: str,
  org_role: str,
  role: { type: 'string', enum: ['admin', 'manager', 'member'] },
  status: { type: 'string', enum: ['active'] },
  workspace_id: str,
  scopes: strings,
  settings: { type: 'object' },
  created_at: time,
  last_updated_at: time,
});

const workspace = obj(
  {
    object: { type: 'string', enum: ['workspace'] },
    id: str,
    slug: str,
    name: str,
    description: nstr,
    icon: nstr,
    is_default: { type: 'integer', enum: [0, 1] },
    status: { type: 'string', enum: ['active', 'archived'] },
    organisation_id: str,
    created_by: str,
    creation_source: str,
    created_at: time,
    last_updated_at: time,
    defaults: { type: 'object', nullable: true, properties: { metadata: { type: 'object', additionalProperties: str } } },
    usage_limits: { type: 'array', nullable: true, items: usageLimitsView },
    rate_limits: { type: 'array', nullable: true, items: rateLimitView },
    last_reset_at: ntime,
    security_settings: { type: 'object', additionalProperties: { type: 'boolean' } },
    settings: { type: 'object' },
    users: { type: 'array', items: ref('Member'), description: 'Only on GET /admin/workspaces/{workspaceId}.' },
  },
  ['object', 'id', 'slug', 'name', 'is_default', 'status', 'organisation_id', 'created_at', 'last_updated_at'],
);

const user = obj({
  object: { type: 'string', enum: ['user'] },
  id: str,
  first_name: str,
  last_name: str,
  role: { type: 'string', enum: ['owner', 'admin', 'member'] },
  email: str,
  status: str,
  created_at: time,
  last_updated_at: time,
  updated_at: time,
  workspace_ids: strings,
});

const invite = obj({
  object: { type: 'string', enum: ['invite'] },
  id: str,
  email: str,
  role: { type: 'string', enum: ['admin', 'member'] },
  status: { type: 'string', enum: ['pending', 'cancelled', 'accepted', 'expired'] },
  created_at: time,
  expires_at: time,
  accepted_at: ntime,
  invited_by: str,
  workspaces: { type: 'array', items: obj({ id: str, role: { type: 'string', enum: ['admin', 'manager', 'member'] } }) },
  workspace_api_key_details: { type: 'object', nullable: true, properties: { scopes: strings } },
});

const apiKey = obj({
  object: { type: 'string', enum: ['api-key'] },
  id: str,
  key: { ...str, description: 'Masked (the full secret is returned only by create and rotate).' },
  name: str,
  description: nstr,
  type: { type: 'string', enum: ['organisation-service', 'workspace-service', 'workspace-user'] },
  organisation_id: str,
  workspace_id: nstr,
  user_id: nstr,
  status: { type: 'string', enum: ['active', 'exhausted'] },
  creation_mode: { type: 'string', enum: ['ui', 'api', 'auto'] },
  created_at: time,
  last_updated_at: time,
  rate_limits: { type: 'array', items: rateLimitView },
  usage_limits: { ...usageLimitsView, nullable: true },
  reset_usage: { type: 'integer', description: 'Always 0: reset_usage is a one-off trigger on PUT.' },
  last_reset_at: ntime,
  next_usage_reset_at: ntime,
  scopes: strings,
  defaults: obj({ metadata: { type: 'object', nullable: true, additionalProperties: str }, config_id: nstr, allow_config_override: { type: 'boolean' } }),
  allow_config_override: { type: 'integer', nullable: true },
  api_key_defaults_id: nstr,
  alert_emails: { type: 'array', nullable: true, items: str },
  expires_at: ntime,
  expiry_enforced: { type: 'integer' },
  rotation_policy: {
    type: 'object',
    nullable: true,
    properties: {
      rotation_period: { type: 'string', enum: ['weekly', 'monthly'], nullable: true },
      next_rotation_at: { ...ntime, description: 'Derived by the server.' },
      key_transition_period_ms: { type: 'integer' },
    },
  },
  last_rotated_at: ntime,
  key_transition_expires_at: ntime,
});

const auditRecord = obj(
  {
  id: str,
  seq: { type: 'integer' },
  prev_hash: str,
  hash: str,
  timestamp: time,
  method: str,
  uri: str,
  request_id: str,
  request_body: str,
  query_params: str,
  request_headers: str,
  user_id: nstr,
  user_type: { type: 'string', enum: ['user', 'api_key'], nullable: true },
  api_key_id: nstr,
  organisation_id: nstr,
  workspace_id: nstr,
  response_status_code: { type: 'integer' },
  resource_type: str,
  resource_id: nstr,
  action: str,
  client_ip: nstr,
  user_agent: nstr,
  country: nstr,
  count: { type: 'integer', description: 'Repeated denials from one source in a window, recorded once: how many.' },
  first_at: { ...time, description: 'The first of the repeated denials.' },
  last_at: { ...time, description: 'The last of the repeated denials.' },
  },
  ['id', 'seq', 'hash', 'timestamp', 'method', 'uri', 'request_id', 'response_status_code', 'resource_type', 'action'],
);

const int = { type: 'integer' };
const bool = { type: 'boolean' };
const flag = { type: 'integer', enum: [0, 1] };
const json = { type: 'object', additionalProperties: true };
const njson = { type: 'object', nullable: true, additionalProperties: true };
const one = (value: string) => ({ type: 'string', enum: [value] });
const success = { type: 'boolean', enum: [true] };

/** `UsageLimits` as set on providers, virtual keys and integration-workspace access (no derived fields). */
const usageLimitsAsSet = obj(
  {
    credit_limit: int,
    type: { type: 'string', enum: ['cost', 'tokens'] },
    alert_threshold: int,
    periodic_reset: { type: 'string', enum: ['monthly', 'weekly'], nullable: true },
    periodic_reset_days: { type: 'integer', nullable: true },
  },
  ['credit_limit'],
);

// Configs (§2.8): the live flat shape, `config` a JSON string.
const configSummaryFields = {
  object: one('config'),
  id: str,
  name: str,
  slug: str,
  workspace_id: str,
  organisation_id: str,
  is_default: flag,
  status: { type: 'string', enum: ['active', 'archived'] },
  owner_id: str,
  updated_by: str,
  created_at: time,
  last_updated_at: time,
};
const configView = obj({
  ...configSummaryFields,
  config: { ...str, description: 'The config (strategy, targets …) as a JSON string.' },
  format: one('json'),
  type: one('ORG_CONFIG'),
  version_id: str,
  version: { ...int, description: "Ours: the version's number (1, 2 …), what `?version=N` selects." },
});

// Guardrails (§2.10).
const guardrailSummaryFields = {
  object: one('guardrail'),
  id: str,
  name: str,
  slug: str,
  organisation_id: str,
  workspace_id: { ...nstr, description: 'null: an organisation-level guardrail.' },
  status: { type: 'string', enum: ['active', 'archived'] },
  owner_id: str,
  updated_by: str,
  created_at: time,
  last_updated_at: time,
  version_id: str,
};
const guardrailCheck = obj({ id: str, parameters: json, is_enabled: bool, name: str }, ['id']);
const guardrailView = obj({
  ...guardrailSummaryFields,
  checks: { type: 'array', items: guardrailCheck, description: 'As sent.' },
  actions: { ...json, description: 'As sent: deny, async, on_success, on_fail …' },
  version: { ...int, description: "Ours: the version's number, what `?version=N` selects." },
});

// Prompts, partials, collections, labels (§2.9).
const collectionFields = {
  object: one('collection'),
  id: str,
  name: str,
  slug: str,
  workspace_id: str,
  organisation_id: str,
  parent_collection_id: nstr,
  is_default: flag,
  status: one('active'),
  created_by: str,
  created_at: time,
  last_updated_at: time,
};
const collectionView = obj(
  {
    ...collectionFields,
    collection_details: obj({ child_collections_count: int, prompts_count: int, partials_count: int }),
    child_collections: { type: 'array', items: obj(collectionFields), description: 'Only on GET /collections/{id}.' },
  },
  [...Object.keys(collectionFields), 'collection_details'],
);

const promptView = obj(
  {
    object: one('prompt'),
    id: str,
    slug: str,
    name: str,
    collection_id: str,
    workspace_id: str,
    organisation_id: str,
    string: { ...str, description: 'The template: a JSON string of messages, or a raw template.' },
    parameters: json,
    model: nstr,
    virtual_key: nstr,
    functions: { type: 'array', nullable: true, items: {} },
    tools: { type: 'array', nullable: true, items: {} },
    tool_choice: { description: 'A string or an object, as sent; null when unset.' },
    template_metadata: njson,
    is_raw_template: flag,
    prompt_metadata: njson,
    status: one('active'),
    created_at: time,
    last_updated_at: time,
    prompt_version: int,
    prompt_version_id: str,
    prompt_version_status: one('active'),
    prompt_version_description: nstr,
    prompt_version_label_id: nstr,
    published_version: { ...int, description: 'The version served without `?version=` (absent when a version is pinned).' },
  },
  // All but published_version (and tool_choice, which may be anything).
  ['object', 'id', 'slug', 'name', 'collection_id', 'workspace_id', 'organisation_id', 'string', 'parameters', 'model', 'virtual_key', 'functions', 'tools', 'template_metadata', 'is_raw_template', 'prompt_metadata', 'status', 'created_at', 'last_updated_at', 'prompt_version', 'prompt_version_id', 'prompt_version_status', 'prompt_version_description', 'prompt_version_label_id'],
);

const promptSummary = obj({
  object: one('prompt'),
  id: str,
  slug: str,
  name: str,
  collection_id: str,
  workspace_id: str,
  model: nstr,
  status: one('active'),
  created_at: time,
  last_updated_at: time,
});

const promptVersion = obj({
  object: one('prompt_version'),
  id: str,
  prompt_id: str,
  prompt_template: str,
  prompt_version: int,
  prompt_description: nstr,
  label_id: nstr,
  model: nstr,
  virtual_key: nstr,
  parameters: json,
  status: one('active'),
  is_published: flag,
  created_at: time,
});

const partialSummaryFields = {
  object: one('partial'),
  id: str,
  slug: str,
  name: str,
  collection_id: str,
  workspace_id: str,
  version: int,
  version_description: nstr,
  prompt_partial_version_id: str,
  prompt_partial_version_status: one('active'),
  status: { type: 'string', enum: ['active', 'archived'] },
  created_at: time,
  last_updated_at: time,
  published_version: { ...int, description: 'The version served without `?version=` (absent when a version is pinned).' },
};
const partialRequired = Object.keys(partialSummaryFields).filter((k) => k !== 'published_version');
const partialView = obj({ ...partialSummaryFields, string: str }, [...partialRequired, 'string']);
const partialSummary = obj(partialSummaryFields, partialRequired);

const partialVersion = obj({
  object: one('partial'),
  prompt_partial_id: str,
  prompt_partial_version_id: str,
  slug: str,
  version: int,
  string: str,
  description: nstr,
  version_description: nstr,
  prompt_version_status: one('active'),
  is_published: flag,
  created_at: time,
});

const label = obj({
  object: one('label'),
  id: str,
  name: str,
  description: nstr,
  color_code: nstr,
  organisation_id: str,
  workspace_id: { ...nstr, description: 'null: an organisation label.' },
  is_universal: { ...bool, description: 'Organisation labels are usable in every workspace.' },
  status: one('active'),
  created_by: str,
  created_at: time,
  last_updated_at: time,
});

// Integrations, providers, virtual keys (§2.6, §2.7).
const secretMapping = obj(
  { target_field: str, secret_reference_id: str, secret_key: str, value_format: { type: 'string', enum: ['json', 'string'] } },
  ['target_field', 'secret_reference_id'],
);

const integration = obj({
  object: one('integration'),
  id: str,
  organisation_id: str,
  ai_provider_id: str,
  name: str,
  slug: str,
  description: nstr,
  status: { type: 'string', enum: ['active', 'archived'] },
  created_at: time,
  last_updated_at: time,
  type: { type: 'string', enum: ['organisation', 'workspace'] },
  workspace_id: nstr,
  masked_key: nstr,
  configurations: { ...json, description: 'Non-secret fields as stored; secret ones masked.' },
  secret_mappings: { type: 'array', items: secretMapping },
});

const integrationModel = obj({
  slug: str,
  name: str,
  enabled: bool,
  is_custom: bool,
  is_finetune: bool,
  base_model_slug: nstr,
  configurations: njson,
  pricing_config: njson,
});

const workspaceAccessLimits = {
  usage_limits: { type: 'array', items: usageLimitsAsSet },
  rate_limits: { type: 'array', items: rateLimitView },
};
const integrationWorkspace = obj({
  id: { ...str, description: "The workspace's slug." },
  workspace_id: str,
  enabled: bool,
  ...workspaceAccessLimits,
});

const provider = obj({
  object: one('provider'),
  id: str,
  name: str,
  slug: str,
  integration_id: { ...str, description: "The integration's slug." },
  ai_provider_name: str,
  workspace_id: str,
  organisation_id: str,
  note: nstr,
  status: { type: 'string', enum: ['active', 'exhausted', 'expired'] },
  usage_limits: { ...usageLimitsAsSet, nullable: true },
  reset_usage: flag,
  rate_limits: { type: 'array', items: rateLimitView },
  model_config: njson,
  created_at: time,
  last_updated_at: time,
  expires_at: ntime,
});

const virtualKey = obj({
  object: one('virtual-key'),
  id: str,
  slug: str,
  name: str,
  note: nstr,
  status: { type: 'string', enum: ['active', 'exhausted', 'expired'] },
  created_at: time,
  last_updated_at: time,
  expires_at: ntime,
  last_reset_at: ntime,
  ai_provider_name: str,
  provider: { ...str, description: "The same as ai_provider_name (the list's name for it)." },
  integration_id: str,
  model_config: json,
  masked_api_key: nstr,
  key: { type: 'string', enum: [''], description: 'Always empty: the key is never returned.' },
  usage_limits: { ...usageLimitsAsSet, nullable: true },
  reset_usage: flag,
  rate_limits: { type: 'array', items: rateLimitView },
  tags: strings,
  workspace_id: str,
  workspace_name: nstr,
  organisation_id: str,
});

/** Response schemas: the wire views of `libs/contracts` (interfaces, so written out here). */
const policyFields = {
  id: str,
  name: nstr,
  conditions: { type: 'array', items: obj({ key: str, value: str }) },
  group_by: { type: 'array', items: obj({ key: str }) },
  type: str,
  status: { type: 'string', enum: ['active', 'archived'] },
  workspace_id: nstr,
  organisation_id: str,
  created_at: time,
  last_updated_at: time,
};
const usageLimitsPolicyView = obj({
  object: { type: 'string', enum: ['policy_usage_limits'] },
  ...policyFields,
  credit_limit: { type: 'number' },
  alert_threshold: { type: 'number', nullable: true },
  periodic_reset: { type: 'string', enum: ['monthly', 'weekly'], nullable: true },
  periodic_reset_days: { type: 'integer', nullable: true },
  next_usage_reset_at: ntime,
  last_reset_at: ntime,
});
const rateLimitsPolicyView = obj({ object: { type: 'string', enum: ['policy_rate_limits'] }, ...policyFields, unit: { type: 'string', enum: ['rpm', 'rph', 'rpd'] }, value: { type: 'number' } });

export const VIEW_SCHEMAS: Record<string, Schema> = {
  PortkeyError: obj({
    success: { type: 'boolean', enum: [false] },
    data: obj({ message: str, errorCode: { type: 'string', enum: ['AB01', 'AB02', 'AB03', 'AB04', 'AB05', 'AB06', 'AB07', 'AB08', 'AB09'] } }),
  }),
  Empty: { type: 'object', description: 'An empty object: writes answer {}.' },
  Member: member,
  MemberList: list('Member'),
  Workspace: workspace,
  WorkspaceList: list('Workspace'),
  User: user,
  UserList: list('User'),
  Invite: invite,
  InviteList: list('Invite'),
  CreatedInvite: obj({ id: str, invite_link: str }),
  InviteResent: obj({ inviteLink: str }),
  AcceptedInvite: obj({
    object: { type: 'string', enum: ['user'] },
    id: str,
    email: str,
    role: str,
    api_keys: { type: 'array', items: obj({ id: str, key: str, workspace_id: str, type: { type: 'string', enum: ['workspace-user'] } }) },
  }),
  ApiKey: apiKey,
  ApiKeyList: list('ApiKey'),
  CreatedApiKey: { allOf: [ref('ApiKey'), obj({ key: { ...str, description: 'The full secret, shown once.' } })] },
  RotatedApiKey: obj({ id: str, key: str, key_transition_expires_at: time, object: { type: 'string', enum: ['api-key'] } }),
  AuditRecord: auditRecord,
  AuditLogList: obj({ object: { type: 'string', enum: ['analytics-graph'] }, total: { type: 'integer' }, records: { type: 'array', items: ref('AuditRecord') } }),
  ConfigSummary: obj(configSummaryFields),
  ConfigList: list('ConfigSummary'),
  Config: configView,
  ConfigVersionList: list('Config'),
  CreatedConfig: obj({ object: one('config'), id: str, slug: str, version_id: str, success, data: obj({ id: str, version_id: str }) }),
  UpdatedConfig: obj({ object: one('config'), version_id: str, success, data: obj({ version_id: str }) }),
  GuardrailSummary: obj(guardrailSummaryFields),
  GuardrailList: list('GuardrailSummary'),
  Guardrail: guardrailView,
  GuardrailVersionList: list('Guardrail'),
  GuardrailIds: obj({ id: str, slug: str, version_id: str }),
  Collection: collectionView,
  CollectionList: list('Collection'),
  CreatedCollection: obj({ object: one('collection'), id: str, slug: str }),
  Prompt: promptView,
  PromptSummary: promptSummary,
  PromptList: list('PromptSummary'),
  PromptVersion: promptVersion,
  PromptVersionList: list('PromptVersion'),
  CreatedPrompt: obj({ object: one('prompt'), id: str, slug: str, version_id: str }),
  UpdatedPrompt: obj({ id: str, slug: str, prompt_version_id: { ...str, description: 'The newest version: the one this update made, or the latest when it made none.' }, prompt_version: int }),
  RenderedPrompt: obj({ success, data: { type: 'object', additionalProperties: true, properties: { messages: { type: 'array', items: {} }, prompt: str }, description: 'The request body a completion would send.' } }),
  Partial: partialView,
  PartialSummary: partialSummary,
  PartialList: list('PartialSummary'),
  PartialVersion: partialVersion,
  PartialVersionList: list('PartialVersion'),
  CreatedPartial: obj({ object: one('partial'), id: str, slug: str, version_id: str }),
  UpdatedPartial: obj({ id: str, slug: str, prompt_partial_version_id: str, version: int }),
  Label: label,
  LabelList: list('Label'),
  CreatedLabel: obj({ object: one('label'), id: str }),
  Integration: integration,
  IntegrationList: list('Integration'),
  CreatedIntegration: obj({ object: one('integration'), id: str, slug: str }),
  IntegrationModel: integrationModel,
  IntegrationModels: obj({ total: int, allow_all_models: bool, models: { type: 'array', items: ref('IntegrationModel') } }),
  IntegrationWorkspace: integrationWorkspace,
  IntegrationWorkspaces: obj({
    total: int,
    global_workspace_access: obj({ enabled: bool, ...workspaceAccessLimits }),
    workspaces: { type: 'array', items: ref('IntegrationWorkspace') },
  }),
  Provider: provider,
  ProviderList: list('Provider'),
  CreatedProvider: obj({ object: one('provider'), id: str, slug: str }),
  ProviderRef: obj({ id: str, slug: str }),
  VirtualKey: virtualKey,
  VirtualKeyList: list('VirtualKey'),
  CreatedVirtualKey: obj({ object: one('virtual-key'), id: str, slug: str, success, data: obj({ slug: str, id: str }) }),
  UpdatedVirtualKey: obj({ object: one('virtual-key'), id: str, slug: str }),
  Health: obj({ status: { type: 'string', enum: ['ok', 'unavailable'] }, services: { type: 'object', additionalProperties: { type: 'string', enum: ['ok', 'unavailable'] } }, missing: strings }, ['status', 'services']),
  Log: { type: 'object', description: 'A request log: request, response, metrics (reference §2.11).' },
  InsertedLogs: obj({ status: str, message: str, log_ids: strings }),
  FeedbackResult: obj({ status: str, message: str, feedback_ids: strings }),
  Export: { type: 'object', description: 'A log export: id, organisation_id, workspace_id, filters, requested_data, status, description, created_by, created_at, last_updated_at, total, total_records, records_done (reference §2.12).' },
  ExportList: list('Export'),
  ExportIds: obj({ id: str, total: { type: 'integer' }, object: str }),
  ExportMessage: obj({ message: str, object: str }),
  ExportDownload: obj({ signed_url: str }),
  PolicyIds: obj({ id: str, object: { type: 'string', enum: ['policy_usage_limits', 'policy_rate_limits'] } }),
  UsageLimitsPolicy: usageLimitsPolicyView,
  UsageLimitsPolicyList: list('UsageLimitsPolicy'),
  RateLimitsPolicy: rateLimitsPolicyView,
  RateLimitsPolicyList: list('RateLimitsPolicy'),
  PolicyEntity: obj({ id: str, value_key: str, current_usage: { type: 'number' }, status: { type: 'string', enum: ['active', 'exhausted'] }, is_threshold_alerts_sent: bool, is_exhausted_alerts_sent: bool }),
  PolicyEntityList: list('PolicyEntity'),
  AnalyticsGraph: obj({ object: { type: 'string', enum: ['analytics-graph'] }, summary: { type: 'object' }, data_points: { type: 'array', items: { type: 'object', description: 'One bucket (timestamp, RFC 3339) or one category, with the graph\'s fields (reference §2.13).' } } }),
  AnalyticsSummary: obj({ object: { type: 'string', enum: ['analytics-summary'] }, summary: { type: 'object' } }),
  AnalyticsGroupList: obj({ object: { type: 'string', enum: ['list'] }, total: { type: 'integer' }, data: { type: 'array', items: { type: 'object', description: 'One group: its key field, its columns, object "analytics-group".' } } }, ['object', 'total', 'data']),
};
