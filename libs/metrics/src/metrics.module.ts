import { Controller, Inject, Module, type DynamicModule } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { metricsSubject, type ServiceName } from '#libs/contracts';
import { ServiceMetrics } from './service-metrics.js';

export const METRICS = Symbol('METRICS');

/** Answers `<service>.metrics.scrape` with the service's metrics (prom-client JSON). */
function scrapeControllerFor(service: ServiceName) {
  @Controller()
  class MetricsScrapeController {
    constructor(@Inject(METRICS) private readonly metrics: ServiceMetrics) {}

    @MessagePattern(metricsSubject(service))
    scrape(): Promise<unknown> {
      return this.metrics.registry.getMetricsAsJSON();
    }
  }
  return MetricsScrapeController;
}

/** The service's `ServiceMetrics` (global), and for NATS services the scrape handler. */
@Module({})
export class MetricsModule {
  static forService(service: ServiceName | 'gateway'): DynamicModule {
    return {
      module: MetricsModule,
      global: true,
      controllers: service === 'gateway' ? [] : [scrapeControllerFor(service)],
      providers: [{ provide: METRICS, useFactory: () => new ServiceMetrics(service) }],
      exports: [METRICS],
    };
  }
}
