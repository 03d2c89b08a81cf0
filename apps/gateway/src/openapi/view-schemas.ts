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

/** Response schemas: the wire views of `libs/contracts` (interfaces, so written out here). */
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
  Health: obj({ status: { type: 'string', enum: ['ok', 'unavailable'] }, services: { type: 'object', additionalProperties: { type: 'string', enum: ['ok', 'unavailable'] } }, missing: strings }, ['status', 'services']),
};
