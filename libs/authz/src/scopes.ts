/**
 * The API-key scope catalogue (reference §3.1), spelled exactly as Portkey's docs, with the key
 * types that may hold each scope: A = organisation-service (admin), S = workspace-service,
 * U = workspace-user.
 *
 * One deliberate extension: U keys may hold the workspace key-management scopes, so workspace
 * managers can mint keys for the workspaces they manage (ARCHITECTURE.md §4); the role table and
 * the attenuation rules bound what they can do with them.
 */
export type KeyType = 'organisation-service' | 'workspace-service' | 'workspace-user';
export type KeyLetter = 'A' | 'S' | 'U';

export const KEY_LETTER: Record<KeyType, KeyLetter> = {
  'organisation-service': 'A',
  'workspace-service': 'S',
  'workspace-user': 'U',
};

type Row = [resource: string, actions: Record<string, string>];

// action → key letters
const CATALOGUE: Row[] = [
  ['organisation_users', { create: 'A', read: 'A', update: 'A', delete: 'A', list: 'A' }],
  ['organisation_service_api_keys', { create: 'A', update: 'A', read: 'A', delete: 'A', list: 'A', rotate: 'A' }],
  ['organisation_settings', { read: 'A', update: 'A' }],
  ['organisation_guardrails', { create: 'A', read: 'A', update: 'A', delete: 'A', list: 'A' }],
  ['organisation_exclusions', { update: 'A', list: 'A' }],
  ['audit_logs', { list: 'A' }],
  ['plugins', { create: 'A', update: 'A', list: 'A' }],
  ['deployments', { create: 'A', read: 'A', update: 'A', delete: 'A', list: 'A' }],
  ['secret_references', { create: 'A', read: 'A', update: 'A', delete: 'A', list: 'A' }],
  ['workspaces', { create: 'A', read: 'ASU', update: 'ASU', delete: 'A', list: 'ASU' }],
  ['workspace_service_api_keys', { create: 'ASU', update: 'ASU', read: 'ASU', delete: 'ASU', list: 'ASU', rotate: 'ASU' }],
  ['workspace_user_api_keys', { create: 'ASU', update: 'ASU', read: 'ASU', delete: 'ASU', list: 'ASU', rotate: 'ASU' }],
  ['workspace_users', { create: 'ASU', read: 'ASU', update: 'ASU', delete: 'ASU', list: 'ASU' }],
  ['prompts', { create: 'ASU', read: 'ASU', update: 'ASU', delete: 'ASU', list: 'ASU', publish: 'ASU', render: 'SU' }],
  ['configs', { create: 'ASU', update: 'ASU', delete: 'ASU', read: 'ASU', list: 'ASU' }],
  ['guardrails', { create: 'ASU', read: 'ASU', update: 'ASU', delete: 'ASU', list: 'ASU', invoke: 'SU' }],
  ['virtual_keys', { create: 'ASU', read: 'ASU', update: 'ASU', delete: 'ASU', list: 'ASU', duplicate: 'ASU', copy: 'ASU' }],
  ['providers', { create: 'ASU', read: 'ASU', update: 'ASU', delete: 'ASU', list: 'ASU' }],
  ['policies', { create: 'ASU', read: 'ASU', update: 'ASU', delete: 'ASU', list: 'ASU' }],
  ['organisation_integrations', { create: 'A', read: 'A', update: 'A', delete: 'A', list: 'ASU' }],
  ['organisation_mcp_integrations', { create: 'A', read: 'A', update: 'A', delete: 'A', list: 'ASU' }],
  ['organisation_agent_integrations', { create: 'A', read: 'A', update: 'A', delete: 'A', list: 'ASU' }],
  ['workspace_integrations', { create: 'ASU', read: 'ASU', update: 'ASU', delete: 'ASU', list: 'ASU' }],
  ['workspace_mcp_integrations', { create: 'ASU', read: 'ASU', update: 'ASU', delete: 'ASU', list: 'ASU' }],
  ['workspace_agent_integrations', { create: 'ASU', read: 'ASU', update: 'ASU', delete: 'ASU', list: 'ASU' }],
  ['agent_servers', { create: 'ASU', read: 'ASU', update: 'ASU', delete: 'ASU', list: 'ASU' }],
  ['mcp_servers', { create: 'ASU', read: 'ASU', update: 'ASU', delete: 'ASU', list: 'ASU' }],
  ['analytics', { view: 'ASU' }],
  ['logs', { export: 'ASU', list: 'ASU', view: 'ASU', write: 'SU' }],
  ['completions', { write: 'SU' }],
  ['mcp', { invoke: 'SU' }],
  ['agents', { invoke: 'SU' }],
];

export const SCOPE_KEY_TYPES: ReadonlyMap<string, ReadonlySet<KeyLetter>> = new Map(
  CATALOGUE.flatMap(([resource, actions]) =>
    Object.entries(actions).map(([action, letters]) => [`${resource}.${action}`, new Set(letters.split('') as KeyLetter[])] as const),
  ),
);

export const ALL_SCOPES: readonly string[] = [...SCOPE_KEY_TYPES.keys()];

export function isScope(value: string): boolean {
  return SCOPE_KEY_TYPES.has(value);
}

/** Every scope a key of this type may hold (the master admin key gets all of A's). */
export function scopesForKeyType(type: KeyType): string[] {
  const letter = KEY_LETTER[type];
  return ALL_SCOPES.filter((s) => SCOPE_KEY_TYPES.get(s)!.has(letter));
}

export function keyTypeMayHold(type: KeyType, scope: string): boolean {
  return SCOPE_KEY_TYPES.get(scope)?.has(KEY_LETTER[type]) ?? false;
}

/** Scopes that act inside one workspace (as opposed to organisation-wide ones). */
export function isWorkspaceScoped(scope: string): boolean {
  const letters = SCOPE_KEY_TYPES.get(scope);
  return !!letters && (letters.has('S') || letters.has('U'));
}
