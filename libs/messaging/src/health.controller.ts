import { Controller, Inject, Injectable, type DynamicModule, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { healthSubject, type ServiceName } from '#libs/contracts';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

/** Reports on one part of a service; a degraded part makes the whole reply `degraded` (it still answers). */
export interface HealthProbe {
  name: string;
  check(): { degraded: boolean; details: unknown };
}

/** Where the parts of a service (read models, the audit projector …) register their probes. */
@Injectable()
export class HealthProbes {
  private readonly probes: HealthProbe[] = [];
  register(probe: HealthProbe): void {
    this.probes.push(probe);
  }
  all(): readonly HealthProbe[] {
    return this.probes;
  }
}

export interface HealthReply {
  service: ServiceName;
  status: 'ok' | 'degraded';
  pid: number;
  uptimeMs: number;
  /** Per probe (e.g. `readModels`), when the service has any. */
  checks?: Record<string, { degraded: boolean; details: unknown }>;
}

/** Answers `<service>.health.ping`; the gateway's /v1/health asks every service. */
export function healthControllerFor(service: ServiceName) {
  @Controller()
  class HealthController {
    private readonly started = Date.now();
    constructor(
      @Inject(SERVICE_NAME) private readonly name: ServiceName,
      private readonly probes: HealthProbes,
    ) {}

    @MessagePattern(healthSubject(service))
    ping(): HealthReply {
      const reply: HealthReply = { service: this.name, status: 'ok', pid: process.pid, uptimeMs: Date.now() - this.started };
      const probes = this.probes.all();
      if (!probes.length) return reply;
      const checks = Object.fromEntries(probes.map((p) => [p.name, p.check()]));
      return { ...reply, status: Object.values(checks).some((c) => c.degraded) ? 'degraded' : 'ok', checks };
    }
  }
  return HealthController;
}

@Module({})
export class HealthModule {
  static forService(service: ServiceName): DynamicModule {
    return {
      module: HealthModule,
      global: true,
      controllers: [healthControllerFor(service)],
      providers: [{ provide: SERVICE_NAME, useValue: service }, HealthProbes],
      exports: [HealthProbes],
    };
  }
}
