import { Controller, Inject, type DynamicModule, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { healthSubject, type ServiceName } from '#libs/contracts';

export const SERVICE_NAME = Symbol('SERVICE_NAME');

export interface HealthReply {
  service: ServiceName;
  status: 'ok';
  pid: number;
  uptimeMs: number;
}

/** Answers `<service>.health.ping`; the gateway's /v1/health asks every service. */
export function healthControllerFor(service: ServiceName) {
  @Controller()
  class HealthController {
    private readonly started = Date.now();
    constructor(@Inject(SERVICE_NAME) private readonly name: ServiceName) {}

    @MessagePattern(healthSubject(service))
    ping(): HealthReply {
      return { service: this.name, status: 'ok', pid: process.pid, uptimeMs: Date.now() - this.started };
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
