import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import type { PortcullisConfig } from '#libs/config';
import type { VerifiedKey } from '#libs/contracts';
import { EventStoreModule } from '#libs/event-store';
import { MessagingModule } from '#libs/messaging';
import { ApiKeysHttpController } from './api-keys/api-keys.http.controller.js';
import { AuditLogsHttpController } from './audit/audit-logs.http.controller.js';
import { OutcomeRecorder } from './audit/outcome-recorder.js';
import { Authenticator, FIXED_PRINCIPAL } from './auth/authenticator.js';
import { CacheInvalidator } from './auth/cache-invalidator.js';
import { ConfigsHttpController } from './configs/configs.http.controller.js';
import { EdgeAuthGuard } from './auth/edge-auth.guard.js';
import { EdgeRpc } from './auth/edge-rpc.js';
import { WorkspaceResolver } from './auth/workspace-resolver.js';
import { GATEWAY_CONFIG } from './gateway.config.js';
import { GuardrailsHttpController } from './guardrails/guardrails.http.controller.js';
import { HealthHttpController } from './health/health.http.controller.js';
import { httpValidationPipe } from './http/http-validation.js';
import { AcceptInviteHttpController, InvitesHttpController } from './invites/invites.http.controller.js';
import { MembersHttpController } from './members/members.http.controller.js';
import { UsersHttpController } from './users/users.http.controller.js';
import { WorkspacesHttpController } from './workspaces/workspaces.http.controller.js';
import { CollectionsHttpController } from './prompts/collections.http.controller.js';
import { LabelsHttpController } from './prompts/labels.http.controller.js';
import { PromptPartialsHttpController } from './prompts/prompt-partials.http.controller.js';
import { PromptsHttpController } from './prompts/prompts.http.controller.js';
import { IntegrationsHttpController } from './providers/integrations.http.controller.js';
import { ProvidersHttpController } from './providers/providers.http.controller.js';
import { VirtualKeysHttpController } from './providers/virtual-keys.http.controller.js';

/** The edge: the only HTTP listener. Holds no domain state, only caches. */
@Module({})
export class GatewayModule {
  static forRoot(config: PortcullisConfig, options: { fixedPrincipal?: VerifiedKey } = {}): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        MessagingModule.forRoot({ natsUrl: config.natsUrl, name: 'gateway' }),
        EventStoreModule.fromConfig(config),
      ],
      controllers: [
        HealthHttpController,
        UsersHttpController,
        InvitesHttpController,
        AcceptInviteHttpController,
        WorkspacesHttpController,
        MembersHttpController,
        ApiKeysHttpController,
        AuditLogsHttpController,
        ConfigsHttpController,
        GuardrailsHttpController,
        CollectionsHttpController,
        PromptPartialsHttpController,
        PromptsHttpController,
        LabelsHttpController,
        IntegrationsHttpController,
        ProvidersHttpController,
        VirtualKeysHttpController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        ...(options.fixedPrincipal ? [{ provide: FIXED_PRINCIPAL, useValue: options.fixedPrincipal }] : []),
        { provide: APP_GUARD, useClass: EdgeAuthGuard },
        { provide: APP_PIPE, useValue: httpValidationPipe },
        Authenticator,
        WorkspaceResolver,
        CacheInvalidator,
        EdgeRpc,
        OutcomeRecorder,
      ],
    };
  }
}
