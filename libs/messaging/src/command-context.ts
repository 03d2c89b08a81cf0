import type { EventMetadata } from '#libs/event-store';
import type { RequestContext } from '#libs/contracts';
import { eventMetadataFrom } from './event-metadata.js';

/** What a command handler needs from the caller: event metadata and the command's time. */
export interface CommandMeta {
  metadata: EventMetadata;
  at: string;
  context: RequestContext;
}

export function commandMeta(context: RequestContext, extra: Partial<EventMetadata> & { resourceId?: string } = {}): CommandMeta {
  const at = context.occurredAt ?? new Date().toISOString();
  return { metadata: eventMetadataFrom({ ...context, occurredAt: at }, extra), at, context };
}

/** A context for service-to-service calls made on behalf of the original request. */
export function systemContext(origin?: RequestContext): RequestContext {
  const requestId = origin?.requestId ?? `system-${Date.now()}`;
  return {
    requestId,
    correlationId: origin?.correlationId ?? requestId,
    causationId: origin?.requestId,
    principal: { kind: 'system' },
    onBehalfOf: origin?.onBehalfOf ?? origin?.principal,
    http: origin?.http,
    audit: origin?.audit,
    occurredAt: origin?.occurredAt,
    clientIp: origin?.clientIp,
    userAgent: origin?.userAgent,
  };
}
