import { Logger, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PortcullisConfig } from '#libs/config';
import type { VerifiedKey } from '#libs/contracts';
import { enterLogContext, logFields } from '#libs/logging';
import { METRICS, type ServiceMetrics } from '#libs/metrics';
import { GatewayModule } from './gateway.module.js';
import { clientIp } from './http/client-ip.js';
import { OutcomeRecorder } from './audit/outcome-recorder.js';
import { Authenticator } from './auth/authenticator.js';
import { FloodControl } from './floods/flood-control.js';
import { floodGate } from './floods/flood-gate.js';
import { ErrorEnvelopeFilter } from './http/error-envelope.filter.js';
import { clientErrorHandler, frameworkErrors, MAX_PARAM_LENGTH } from './http/framework-errors.js';
import { BODY_LIMIT_BYTES, registerJsonParser } from './http/json-body-parser.js';
import { requestIdFrom } from './http/request-context.js';
import type { LimitsPort } from '#libs/limits';

const SERVED = new WeakMap<NestFastifyApplication, Array<{ method: string; url: string }>>();

/** Every route the gateway's HTTP server registered (method and URL template). */
export function servedRoutes(app: NestFastifyApplication): Array<{ method: string; url: string }> {
  return SERVED.get(app) ?? [];
}

/**
 * One request, answered: counted and timed by route template (never the raw URL, which would
 * explode the label set), and one structured log line with its ids. Never a header or a body.
 */
function observeResponse(metrics: ServiceMetrics, logger: Logger, request: FastifyRequest, reply: FastifyReply): void {
  const route = request.routeOptions?.url ?? 'unmatched';
  const labels = { method: request.method, route, status: String(reply.statusCode) };
  const seconds = reply.elapsedTime / 1000;
  metrics.httpRequests.inc(labels);
  metrics.httpDuration.observe(labels, seconds);
  // A flood's refusals would be most of the log: their count is in the metrics and the audit log.
  if (request.edge?.floodRefused) return;
  logger.log({
    msg: 'request',
    method: request.method,
    route,
    path: request.url.split('?')[0],
    status: reply.statusCode,
    durationMs: Math.round(reply.elapsedTime * 100) / 100,
    clientIp: request.edge?.clientIp,
    ...logFields(request.edge?.log),
  });
}

/** Builds the gateway application (used by main.ts and by end-to-end tests). */
export async function createGateway(
  config: PortcullisConfig,
  options: { logger?: boolean | LoggerService; fixedPrincipal?: VerifiedKey; limits?: LimitsPort } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // `/v1/providers/` is `/v1/providers`: Terraform's provider import asks for the former.
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH, ignoreTrailingSlash: true },
    frameworkErrors,
    clientErrorHandler,
  });
  const routes: Array<{ method: string; url: string }> = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config, { fixedPrincipal: options.fixedPrincipal, limits: options.limits }), adapter, {
    logger: options.logger === false ? false : options.logger === undefined || options.logger === true ? ['log', 'error', 'warn'] : options.logger,
    // Our own JSON parser (registered below) accepts empty bodies on every verb.
    bodyParser: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  registerJsonParser(fastify);
  fastify.addHook('onRequest', async (request: FastifyRequest, reply) => {
    const requestId = requestIdFrom(request.headers['x-request-id']);
    request.edge = {
      requestId,
      clientIp: clientIp(request.socket.remoteAddress, request.headers['x-forwarded-for'], config.trustedProxies),
      userAgent: request.headers['user-agent'],
      startedAt: Date.now(),
      occurredAt: new Date(config.clock()).toISOString(),
      log: { requestId },
    };
    // Lines logged while the request is handled carry its fields (filled in by the guard).
    enterLogContext(request.edge.log);
    void reply.header('x-request-id', requestId);
  });
  fastify.addHook('onRequest', floodGate(app.get(FloodControl), app.get(Authenticator), app.get(OutcomeRecorder)));
  const metrics = app.get<ServiceMetrics>(METRICS);
  const requests = new Logger('http');
  fastify.addHook('onResponse', async (request: FastifyRequest, reply: FastifyReply) => {
    observeResponse(metrics, requests, request, reply);
  });
  app.useGlobalFilters(new ErrorEnvelopeFilter(app.get(OutcomeRecorder)));
  app.enableShutdownHooks();
  SERVED.set(app, routes);
  return app;
}
