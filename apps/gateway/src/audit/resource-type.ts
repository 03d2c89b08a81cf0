/** Longest prefix first: the audit log's resource type of every path the gateway answers. */
const BY_PREFIX: Array<[RegExp, string]> = [
  [/^\/v1\/admin\/workspaces\/[^/]+\/users(\/|$)/, 'workspace_users'],
  [/^\/v1\/admin\/workspaces(\/|$)/, 'workspaces'],
  [/^\/v1\/admin\/users\/invites(\/|$)/, 'invites'],
  [/^\/v1\/admin\/users(\/|$)/, 'users'],
  [/^\/v1\/invites(\/|$)/, 'invites'],
  [/^\/v1\/api-keys(\/|$)/, 'api_keys'],
  [/^\/v1\/audit-logs(\/|$)/, 'audit_logs'],
];

/**
 * What an audit record calls the resource of a request, from its path alone: denied reads and
 * refused requests (which never reach a route's own declaration) get one too. Paths nobody
 * serves are named by their first segment (`/v1/configs/x` → `configs`).
 */
export function resourceTypeOf(uri: string): string {
  const path = uri.split('?')[0]!;
  for (const [pattern, type] of BY_PREFIX) if (pattern.test(path)) return type;
  const first = path.replace(/^\/v1\//, '').split('/')[0];
  return first && /^[a-z][a-z0-9-]{0,40}$/i.test(first) ? first.toLowerCase().replace(/-/g, '_') : 'unknown';
}
