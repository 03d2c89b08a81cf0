import { createHash } from 'node:crypto';

/** Exact-match cache key: per workspace, route and the body after overrides (key order normalised). */
export function cacheKey(workspaceId: string, route: string, target: string, body: unknown): string {
  return createHash('sha256').update(`${workspaceId}\n${route}\n${target}\n${canonical(body)}`).digest('base64url');
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}
