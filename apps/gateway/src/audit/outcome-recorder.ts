import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { ACCESS_DENIED, REQUEST_FAILED, type OutcomeEventData } from '#libs/audit';
import { parseKey } from '#libs/authz';
import type { PortcullisConfig } from '#libs/config';
import { EVENT_STORE, type EventMetadata, type EventStore } from '#libs/event-store';
import { eventMetadataFrom } from '#libs/messaging';
import { METRICS, type ServiceMetrics } from '#libs/metrics';
import { DenialAggregator, type DenialDraft, type RepeatedDenials } from '../floods/denial-aggregator.js';
import { FloodControl } from '../floods/flood-control.js';
import { GATEWAY_CONFIG } from '../gateway.config.js';
import { contextFromRequest } from '../http/request-context.js';
import { resourceTypeOf } from './resource-type.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const DENIALS = new Set([401, 403, 429]);

/**
 * Denied requests (401, 403, 429) and failed state-changing requests leave an outcome event, so
 * the audit log records them too: successful commands are recorded from their own events.
 * Denials are aggregated per source and window (see DenialAggregator).
 */
@Injectable()
export class OutcomeRecorder implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('audit-outcome');
  private readonly denials: DenialAggregator;
  private readonly windowMs: number;
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
    @Inject(GATEWAY_CONFIG) config: PortcullisConfig,
    private readonly floods: FloodControl,
  ) {
    this.windowMs = config.denialWindowMs;
    this.denials = new DenialAggregator(
      { windowMs: config.denialWindowMs },
      { first: (draft) => this.appendDenial(draft, 'first'), repeated: (batch) => this.appendRepeated(batch) },
      config.clock,
    );
  }

  onModuleInit(): void {
    // Ended windows are written out within a quarter of a window (at most a second late).
    this.timer = setInterval(() => void this.denials.flushEnded(), Math.max(25, Math.min(1_000, this.windowMs / 4)));
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.denials.flushAll();
  }

  async record(request: FastifyRequest, status: number, errorCode: string, message: string, details?: Record<string, unknown>): Promise<void> {
    const denied = DENIALS.has(status) && (status !== 429 || errorCode === 'AB06');
    const failedCommand = !denied && status >= 400 && MUTATING.has(request.method) && !!request.edge?.audit;
    if (!denied && !failedCommand) return;
    // Every record names its resource, also reads and requests refused before their route ran.
    if (request.edge && !request.edge.audit) {
      request.edge.audit = { resourceType: resourceTypeOf(request.url), action: request.method === 'GET' ? 'read' : 'unknown', resourceId: null };
    }
    const clientIp = request.edge?.clientIp ?? request.ip;
    if (denied) this.metrics.denials.inc({ status: String(status) });
    const keyId = this.keyIdOf(request, details);
    const orgId = request.edge?.principal?.orgId ?? (details?.orgId as string | undefined) ?? this.floods.orgOf(keyId);
    const build = () => this.draft(request, status, errorCode, message, details, keyId, orgId);
    if (!denied) return this.append(REQUEST_FAILED, build());
    await this.denials.denied(`${clientIp}|${orgId ?? '-'}|${status}`, build);
  }

  /** The key a refused request named: from the keys service, else from a well-formed key. */
  private keyIdOf(request: FastifyRequest, details?: Record<string, unknown>): string | undefined {
    if (typeof details?.keyId === 'string') return details.keyId;
    const raw = request.headers['x-portkey-api-key'];
    const parsed = typeof raw === 'string' ? parseKey(raw) : undefined;
    return parsed?.format === 'portcullis' && parsed.checksumOk ? parsed.keyId : undefined;
  }

  private draft(
    request: FastifyRequest,
    status: number,
    errorCode: string,
    message: string,
    details: Record<string, unknown> | undefined,
    keyId: string | undefined,
    orgId: string | undefined,
  ): DenialDraft {
    const context = contextFromRequest(request);
    const principal = context.principal;
    const metadata = eventMetadataFrom(context, { orgId, workspaceId: request.edge?.workspaceId ?? principal?.workspaceId ?? null });
    // A key id is named as the actor only when it is a real key (its organisation is known).
    if (!principal && keyId && orgId) metadata.actor = { type: 'api_key', id: keyId, keyId };
    const data: OutcomeEventData = { status, errorCode, message, ...(typeof details?.missing === 'string' ? { missing: details.missing } : {}) };
    return { data: data as unknown as Record<string, unknown>, metadata: metadata as unknown as Record<string, unknown> };
  }

  private async appendDenial(draft: DenialDraft, kind: 'first' | 'repeated'): Promise<void> {
    this.metrics.denialRecords.inc({ kind });
    await this.append(ACCESS_DENIED, draft);
  }

  private appendRepeated(batch: RepeatedDenials): Promise<void> {
    const data = { ...batch.draft.data, count: batch.count, firstAt: batch.firstAt, lastAt: batch.lastAt };
    return this.appendDenial({ data, metadata: { ...batch.draft.metadata, occurredAt: batch.lastAt } }, 'repeated');
  }

  private async append(type: string, draft: DenialDraft): Promise<void> {
    const requestId = String(draft.metadata.requestId ?? randomUUID());
    try {
      await this.store.append(`access-${requestId.replace(/[^A-Za-z0-9_-]/g, '_')}_${randomUUID()}`, [
        { id: randomUUID(), type, data: draft.data, metadata: draft.metadata as unknown as EventMetadata },
      ]);
    } catch (error) {
      // The client still gets its answer; the gap is logged loudly.
      this.logger.error(`could not record the ${String(draft.data.status)} outcome of ${requestId}: ${(error as Error).message}`);
    }
  }
}
