import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { healthSubject, SERVICES, type ServiceName } from '#libs/contracts';
import { RpcClient } from '#libs/messaging';
import { Public } from '../auth/route-policy.js';
import { Doc } from '../openapi/doc.decorator.js';

const PING_TIMEOUT_MS = 1_000;

/** `GET /v1/health`: 200 once every service has answered over NATS, 503 naming the missing ones. */
@Controller('v1/health')
@Public()
export class HealthHttpController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @Doc({ summary: 'Whether every service answers', response: 'Health', description: '503 names the services that do not.' })
  @HttpCode(200)
  async health(@Res() reply: FastifyReply): Promise<void> {
    const requestId = randomUUID();
    const results = await Promise.all(
      SERVICES.map(async (service): Promise<[ServiceName, 'ok' | 'unavailable']> => {
        try {
          await this.rpc.call(healthSubject(service), {}, { requestId, correlationId: requestId }, { timeoutMs: PING_TIMEOUT_MS });
          return [service, 'ok'];
        } catch {
          return [service, 'unavailable'];
        }
      }),
    );
    const services = Object.fromEntries(results) as Record<ServiceName, 'ok' | 'unavailable'>;
    const missing = results.filter(([, s]) => s !== 'ok').map(([name]) => name);
    const body = missing.length ? { status: 'unavailable', services, missing } : { status: 'ok', services };
    void reply.status(missing.length ? 503 : 200).send(body);
  }
}
