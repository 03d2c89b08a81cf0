import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { ACCESS_DENIED, REQUEST_FAILED, type OutcomeEventData } from '#libs/audit';
import { EVENT_STORE, type EventStore } from '#libs/event-store';
import { eventMetadataFrom } from '#libs/messaging';
import { contextFromRequest } from '../http/request-context.js';
import { resourceTypeOf } from './resource-type.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Denied requests (401, 403) and failed state-changing requests leave an outcome event, so the
 * audit log records them too: successful commands are recorded from their own events.
 */
@Injectable()
export class OutcomeRecorder {
  private readonly logger = new Logger('audit-outcome');

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async record(request: FastifyRequest, status: number, errorCode: string, message: string, details?: Record<string, unknown>): Promise<void> {
    const denied = status === 401 || status === 403;
    const failedCommand = !denied && status >= 400 && MUTATING.has(request.method) && !!request.edge?.audit;
    if (!denied && !failedCommand) return;
    // Every record names its resource, also reads and requests refused before their route ran.
    if (request.edge && !request.edge.audit) {
      request.edge.audit = { resourceType: resourceTypeOf(request.url), action: request.method === 'GET' ? 'read' : 'unknown', resourceId: null };
    }
    const context = contextFromRequest(request);
    const principal = context.principal;
    const metadata = eventMetadataFrom(context, {
      orgId: principal?.orgId ?? (details?.orgId as string | undefined),
      workspaceId: request.edge?.workspaceId ?? principal?.workspaceId ?? null,
    });
    if (!principal && typeof details?.keyId === 'string') metadata.actor = { type: 'api_key', id: details.keyId, keyId: details.keyId };
    const data: OutcomeEventData = { status, errorCode, message, ...(typeof details?.missing === 'string' ? { missing: details.missing } : {}) };
    try {
      await this.store.append(`access-${context.requestId.replace(/[^A-Za-z0-9_-]/g, '_')}_${randomUUID()}`, [
        { id: randomUUID(), type: denied ? ACCESS_DENIED : REQUEST_FAILED, data, metadata },
      ]);
    } catch (error) {
      // The client still gets its answer; the gap is logged loudly.
      this.logger.error(`could not record the ${status} outcome of ${context.requestId}: ${(error as Error).message}`);
    }
  }
}
