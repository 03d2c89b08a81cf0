import { DomainError, toRateLimitList, type RequestContext } from '#libs/contracts';

const plain = (value: unknown) => (value === null || value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Record<string, unknown>));

/** Update fields of a provider or virtual key, wire-named, as the decider records them. */
export function providerChanges(body: Record<string, unknown>, context: RequestContext): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (body.name !== undefined) changes.name = body.name;
  if (body.note !== undefined) changes.note = body.note ?? null;
  if (body.usage_limits !== undefined) changes.usage_limits = plain(body.usage_limits);
  if (body.rate_limits !== undefined) changes.rate_limits = toRateLimitList(body.rate_limits);
  if (body.expires_at !== undefined) changes.expires_at = expiresAt(body.expires_at as string | null, context);
  if (body.model_config !== undefined) changes.model_config = plain(body.model_config);
  if (body.reset_usage !== undefined) changes.reset_usage = body.reset_usage;
  return changes;
}

/** An expiry as stored: ISO with milliseconds, never in the past. */
export function expiresAt(value: string | null | undefined, context: RequestContext): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  if (ms <= Date.parse(context.occurredAt ?? new Date().toISOString())) {
    throw new DomainError('KEYS.EXPIRED', 'expires_at is in the past', 400, { field: 'expires_at' });
  }
  return new Date(ms).toISOString();
}

export const plainObject = plain;
