import { Controller, Inject, Optional, type DynamicModule, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { healthSubject, type ServiceName } from '#libs/contracts';

export const SERVICE_NAME = Symbol('SERVICE_NAME');
/**
 * Optional providers (`{ provide: HEALTH_PROBE, useValue: … }`) that report on a part of the
 * service; a degraded part makes the whole reply `degraded` (the service still answers).
 */
export const HEALTH_PROBE = Symbol('HEALTH_PROBE');

export interface HealthProbe {
  name: string;
  check(): { degraded: boolean; details: unknown };
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
      @Optional() @Inject(HEALTH_PROBE) private readonly probe?: HealthProbe,
    ) {}

    @MessagePattern(healthSubject(service))
    ping(): HealthReply {
      const reply: HealthReply = { service: this.name, status: 'ok', pid: process.pid, uptimeMs: Date.now() - this.started };
      if (!this.probe) return reply;
      const result = this.probe.check();
      return { ...reply, status: result.degraded ? 'degraded' : 'ok', checks: { [this.probe.name]: result } };
    }
  }
  return HealthController;
}

@Module({})
export class HealthModule {
  static forService(service: ServiceName): DynamicModule {
    return {
      module: HealthModule,
      controllers: [healthControllerFor(service)],
      providers: [{ provide: SERVICE_NAME, useValue: service }],
    };
  }
}
