import type { EventMetadata } from '#libs/event-store';
import type { RequestContext } from '#libs/contracts';

/**
 * The caller's identity and request facts become the metadata of every event a command
 * appends: the audit log is built from exactly this.
 */
export function eventMetadataFrom(context: RequestContext, extra: Partial<EventMetadata> & { resourceId?: string } = {}): EventMetadata {
  const { resourceId, ...rest } = extra;
  const principal = context.onBehalfOf ?? context.principal;
  const actor: EventMetadata['actor'] =
    principal?.kind === 'api_key' && principal.keyId
      ? principal.userId
        ? { type: 'user', id: principal.userId, keyId: principal.keyId }
        : { type: 'api_key', id: principal.keyId, keyId: principal.keyId }
      : { type: 'system', id: 'system' };
  return {
    orgId: principal?.orgId,
    workspaceId: principal?.workspaceId ?? null,
    actor,
    requestId: context.requestId,
    correlationId: context.correlationId,
    causationId: context.causationId ?? context.requestId,
    clientIp: context.clientIp,
    userAgent: context.userAgent,
    occurredAt: context.occurredAt ?? new Date().toISOString(),
    ...(context.http ? { http: context.http } : {}),
    ...(context.audit ? { audit: { ...context.audit, ...(resourceId ? { resourceId } : {}) } } : {}),
    ...rest,
  };
}
