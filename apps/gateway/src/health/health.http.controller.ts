import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { healthSubject, SERVICES, type ServiceName } from '#libs/contracts';
import { RpcClient, type HealthReply } from '#libs/messaging';
import { Public } from '../auth/route-policy.js';
import { Doc } from '../openapi/doc.decorator.js';

const PING_TIMEOUT_MS = 1_000;

type ServiceState = 'ok' | 'degraded' | 'unavailable';

/**
 * `GET /v1/health`: asks every service over NATS.
 * - 200 `{status:"ok"}` when all answer and report nothing wrong;
 * - 200 `{status:"degraded", degraded:{<service>: <checks>}}` when all answer but some part is
 *   impaired (a read model still catching up, failing, or holding parked events): the product
 *   serves requests, an operator should look (`npx portcullis projections status`);
 * - 503 `{status:"unavailable", missing:[…]}` when a service does not answer.
 */
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
      SERVICES.map(async (service): Promise<[ServiceName, ServiceState, HealthReply | null]> => {
        try {
          const answer = await this.rpc.call<HealthReply>(healthSubject(service), {}, { requestId, correlationId: requestId }, { timeoutMs: PING_TIMEOUT_MS });
          return [service, answer.status === 'degraded' ? 'degraded' : 'ok', answer];
        } catch {
          return [service, 'unavailable', null];
        }
      }),
    );
    const services = Object.fromEntries(results.map(([name, state]) => [name, state])) as Record<ServiceName, ServiceState>;
    const missing = results.filter(([, s]) => s === 'unavailable').map(([name]) => name);
    const degraded = Object.fromEntries(results.filter(([, s]) => s === 'degraded').map(([name, , answer]) => [name, answer?.checks ?? {}]));
    if (missing.length) return void reply.status(503).send({ status: 'unavailable', services, missing });
    if (Object.keys(degraded).length) return void reply.status(200).send({ status: 'degraded', services, degraded });
    void reply.status(200).send({ status: 'ok', services });
  }
}
