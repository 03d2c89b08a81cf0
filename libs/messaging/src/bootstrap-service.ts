import { Logger, type INestMicroservice, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Transport, type MicroserviceOptions } from '@nestjs/microservices';
import { PinoLoggerService, RpcLogContextInterceptor } from '#libs/logging';
import { WireErrorFilter } from './rpc-exception.filter.js';
import { ReplySizeGuard } from './reply-size.interceptor.js';
import { watchSupervisor } from './supervisor-watchdog.js';

export interface ServiceBootstrapOptions {
  natsUrl?: string;
  /** false silences; a LoggerService receives everything (tests capture logs with one); default: JSON lines (pino). */
  logger?: boolean | LoggerService;
}

/**
 * Starts a NestJS microservice on the NATS transport in the queue group named after the
 * service, so replicas share the load (ARCHITECTURE.md §7).
 */
export async function bootstrapService(
  service: string,
  module: Parameters<typeof NestFactory.createMicroservice>[0],
  options: ServiceBootstrapOptions = {},
): Promise<INestMicroservice> {
  const natsUrl = options.natsUrl ?? process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  const app = await NestFactory.createMicroservice<MicroserviceOptions>(module, {
    transport: Transport.NATS,
    options: { servers: [natsUrl], queue: service, name: service, maxReconnectAttempts: -1, reconnectTimeWait: 250 },
    logger: options.logger === false ? false : options.logger === undefined ? new PinoLoggerService({ service }) : options.logger === true ? ['log', 'error', 'warn'] : options.logger,
  });
  app.useGlobalFilters(new WireErrorFilter());
  app.useGlobalInterceptors(new ReplySizeGuard());
  app.useGlobalInterceptors(new RpcLogContextInterceptor());
  app.enableShutdownHooks();
  await app.listen();
  watchSupervisor(() => app.close());
  new Logger(service).log(`listening on ${natsUrl} (queue group "${service}")`);
  return app;
}
