import type { LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest } from 'fastify';
import type { PortcullisConfig } from '#libs/config';
import type { VerifiedKey } from '#libs/contracts';
import { GatewayModule } from './gateway.module.js';
import { clientIp } from './http/client-ip.js';
import { OutcomeRecorder } from './audit/outcome-recorder.js';
import { ErrorEnvelopeFilter } from './http/error-envelope.filter.js';
import { clientErrorHandler, frameworkErrors, MAX_PARAM_LENGTH } from './http/framework-errors.js';
import { BODY_LIMIT_BYTES, registerJsonParser } from './http/json-body-parser.js';
import { requestIdFrom } from './http/request-context.js';

const SERVED = new WeakMap<NestFastifyApplication, Array<{ method: string; url: string }>>();

/** Every route the gateway's HTTP server registered (method and URL template). */
export function servedRoutes(app: NestFastifyApplication): Array<{ method: string; url: string }> {
  return SERVED.get(app) ?? [];
}

/** Builds the gateway application (used by main.ts and by end-to-end tests). */
export async function createGateway(
  config: PortcullisConfig,
  options: { logger?: boolean | LoggerService; fixedPrincipal?: VerifiedKey } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors,
    clientErrorHandler,
  });
  const routes: Array<{ method: string; url: string }> = [];
  adapter.getInstance().addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) if (method !== 'HEAD') routes.push({ method, url: route.url });
  });
  const app = await NestFactory.create<NestFastifyApplication>(GatewayModule.forRoot(config, { fixedPrincipal: options.fixedPrincipal }), adapter, {
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
    };
    void reply.header('x-request-id', requestId);
  });
  app.useGlobalFilters(new ErrorEnvelopeFilter(app.get(OutcomeRecorder)));
  app.enableShutdownHooks();
  SERVED.set(app, routes);
  return app;
}
