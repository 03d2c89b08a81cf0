import { Controller, Get, Headers, Inject, Res, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { AggregatorRegistry, type Registry } from 'prom-client';

type MetricsJson = Awaited<ReturnType<Registry['getMetricsAsJSON']>>;
import type { PortcullisConfig } from '#libs/config';
import { metricsSubject, SERVICES } from '#libs/contracts';
import { RpcClient } from '#libs/messaging';
import { METRICS, type ServiceMetrics } from '#libs/metrics';
import { Public } from '../auth/route-policy.js';
import { GATEWAY_CONFIG } from '../gateway.config.js';

const SCRAPE_TIMEOUT_MS = 1_500;

/**
 * `GET /metrics` (Prometheus text): the gateway's own metrics and every service's, asked for over
 * NATS (`<service>.metrics.scrape`) and merged, each series labelled with its service. A
 * service that does not answer is left out and shows as `portcullis_scrape_up{target} 0`.
 * Open unless PORTCULLIS_METRICS_TOKEN is set (then `Authorization: Bearer <token>`).
 */
@Controller('metrics')
@Public()
export class MetricsHttpController {
  constructor(
    @Inject(METRICS) private readonly metrics: ServiceMetrics,
    @Inject(GATEWAY_CONFIG) private readonly config: PortcullisConfig,
    private readonly rpc: RpcClient,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    this.checkToken(authorization);
    const context = { requestId: 'metrics-scrape', correlationId: 'metrics-scrape' };
    const services = await Promise.all(
      SERVICES.map(async (service) => {
        try {
          const json = await this.rpc.call<MetricsJson>(metricsSubject(service), {}, context, { timeoutMs: SCRAPE_TIMEOUT_MS });
          this.metrics.scrapeUp.set({ target: service }, 1);
          return json;
        } catch {
          this.metrics.scrapeUp.set({ target: service }, 0);
          return [] as MetricsJson;
        }
      }),
    );
    const merged = AggregatorRegistry.aggregate([await this.metrics.registry.getMetricsAsJSON(), ...services]);
    void reply.header('content-type', merged.contentType).send(await merged.metrics());
  }

  private checkToken(authorization: string | undefined): void {
    const token = this.config.metricsToken;
    if (!token) return;
    const given = Buffer.from(authorization?.replace(/^Bearer\s+/i, '') ?? '');
    const wanted = Buffer.from(token);
    if (given.length !== wanted.length || !timingSafeEqual(given, wanted)) throw new UnauthorizedException('metrics need the bearer token');
  }
}
