import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Principal, RequestContext } from '#libs/contracts';
import type { LogContext } from '#libs/logging';
import { redactBody, redactHeaders } from './redact.js';

/** What the gateway learns about a request before any controller runs. */
export interface EdgeRequestState {
  requestId: string;
  clientIp: string;
  userAgent?: string;
  principal?: Principal;
  startedAt: number;
  /** The request's time by the gateway's clock: commands are stamped with it. */
  occurredAt: string;
  /** Set for state-changing routes: what the audit log will call this request. */
  audit?: { resourceType: string; action: string; resourceId: string | null };
  /** The workspace the route acts on, once resolved. */
  workspaceId?: string;
  /** What every log line of the request carries (filled in as the request is resolved). */
  log: LogContext;
  /** Refused by the flood gate: counted (metrics, the aggregated audit record), not logged one line each. */
  floodRefused?: boolean;
}

declare module 'fastify' {
  interface FastifyRequest {
    edge?: EdgeRequestState;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}

export function contextFromRequest(request: FastifyRequest): RequestContext {
  const edge = request.edge ?? { requestId: randomUUID(), clientIp: request.ip, startedAt: Date.now(), occurredAt: new Date().toISOString(), log: {} };
  const url = request.url;
  const query = request.query && typeof request.query === 'object' ? { ...(request.query as Record<string, unknown>) } : {};
  const minPosition = Number(request.headers['x-portcullis-min-position']);
  return {
    ...(Number.isSafeInteger(minPosition) && minPosition > 0 ? { minPosition } : {}),
    requestId: edge.requestId,
    correlationId: edge.requestId,
    principal: edge.principal,
    clientIp: edge.clientIp,
    userAgent: edge.userAgent,
    occurredAt: edge.occurredAt,
    ...(edge.audit ? { audit: edge.audit } : {}),
    http: {
      method: request.method,
      uri: url.split('?')[0]!,
      queryParams: query,
      headers: redactHeaders(request.headers),
      ...(request.body !== undefined ? { body: redactBody(request.body) } : {}),
    },
  };
}

/** The caller's `RequestContext`, ready to travel with an RPC. */
export const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext =>
  contextFromRequest(ctx.switchToHttp().getRequest<FastifyRequest>()),
);
