import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import type { PortcullisConfig } from '#libs/config';
import type { VerifiedKey } from '#libs/contracts';
import { EventStoreModule } from '#libs/event-store';
import { LIMITS, LimitsModule, type LimitsPort } from '#libs/limits';
import { MessagingModule } from '#libs/messaging';
import { MetricsModule } from '#libs/metrics';
import { API_CONTROLLERS } from './api-controllers.js';
import { OutcomeRecorder } from './audit/outcome-recorder.js';
import { Authenticator, FIXED_PRINCIPAL } from './auth/authenticator.js';
import { CacheInvalidator } from './auth/cache-invalidator.js';
import { EdgeAuthGuard } from './auth/edge-auth.guard.js';
import { EdgeRpc } from './auth/edge-rpc.js';
import { WorkspaceResolver } from './auth/workspace-resolver.js';
import { GATEWAY_CONFIG } from './gateway.config.js';
import { httpValidationPipe } from './http/http-validation.js';
import { FloodControl } from './floods/flood-control.js';
import { MetricsHttpController } from './metrics/metrics.http.controller.js';
import { OpenApiHttpController } from './openapi/openapi.http.controller.js';
import { CompletionRunner } from './completions/completion-runner.js';
import { DataPlaneDirectory } from './completions/data-plane-directory.js';
import { RequestLogPublisher } from './completions/request-log-publisher.js';
import { ResponseCache } from './completions/response-cache.js';

/** The edge: the only HTTP listener. Holds no domain state, only caches. */
@Module({})
export class GatewayModule {
  static forRoot(config: PortcullisConfig, options: { fixedPrincipal?: VerifiedKey; limits?: LimitsPort } = {}): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        MetricsModule.forService('gateway'),
        MessagingModule.forRoot({ natsUrl: config.natsUrl, name: 'gateway' }),
        EventStoreModule.fromConfig(config),
        LimitsModule.forRoot({ natsUrl: config.natsUrl }),
      ],
      controllers: [...API_CONTROLLERS, OpenApiHttpController, MetricsHttpController],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        ...(options.fixedPrincipal ? [{ provide: FIXED_PRINCIPAL, useValue: options.fixedPrincipal }] : []),
        // Tests hand in a LimitsPort directly; otherwise a limits module provides LIMITS (or none does).
        ...(options.limits ? [{ provide: LIMITS, useValue: options.limits }] : []),
        { provide: APP_GUARD, useClass: EdgeAuthGuard },
        { provide: APP_PIPE, useValue: httpValidationPipe },
        Authenticator,
        WorkspaceResolver,
        CacheInvalidator,
        EdgeRpc,
        OutcomeRecorder,
        FloodControl,
        DataPlaneDirectory,
        ResponseCache,
        RequestLogPublisher,
        CompletionRunner,
      ],
    };
  }
}
