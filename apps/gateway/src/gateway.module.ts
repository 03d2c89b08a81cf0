import { Module, type DynamicModule } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import { MessagingModule } from '#libs/messaging';
import { HealthHttpController } from './health/health.http.controller.js';
import { GATEWAY_CONFIG } from './gateway.config.js';

/** The edge: the only HTTP listener. Holds no domain state, only caches. */
@Module({})
export class GatewayModule {
  static forRoot(config: PortcullisConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [MessagingModule.forRoot({ natsUrl: config.natsUrl, name: 'gateway' })],
      controllers: [HealthHttpController],
      providers: [{ provide: GATEWAY_CONFIG, useValue: config }],
    };
  }
}
