import { Module, type DynamicModule } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import { EventStoreModule } from '#libs/event-store';
import { READ_MODELS } from '#libs/projections';
import { HealthModule, MessagingModule, WorkspaceDependantsModule } from '#libs/messaging';
import { ReadModelsModule, readModelsOptions } from '#libs/read-models';
import { MetricsModule } from '#libs/metrics';
import { ApiKeysMessageController } from './api-keys/api-keys.message.controller.js';
import { CreateApiKeyHandler } from './api-keys/create-api-key/create-api-key.handler.js';
import { DeleteApiKeyHandler } from './api-keys/delete-api-key/delete-api-key.handler.js';
import { GetApiKeyHandler } from './api-keys/get-api-key/get-api-key.handler.js';
import { InternalKeysHandler } from './api-keys/internal/internal-keys.handler.js';
import { KeyAccess } from './api-keys/key-access.js';
import { ListApiKeysHandler } from './api-keys/list-api-keys/list-api-keys.handler.js';
import { RotateApiKeyHandler } from './api-keys/rotate-api-key/rotate-api-key.handler.js';
import { UpdateApiKeyHandler } from './api-keys/update-api-key/update-api-key.handler.js';
import { KeySchedulesSweeper } from './api-keys/schedules/key-schedules.sweeper.js';
import { VerifyApiKeyHandler } from './api-keys/verify-api-key/verify-api-key.handler.js';
import { KEY_PEPPER, KEYS_CONFIG, loadPepper } from './pepper.js';
import { ProvidersModule } from './providers.module.js';

/** The keys service: API keys, their secrets (as digests) and verification. */
@Module({})
export class KeysModule {
  static forRoot(config: PortcullisConfig): DynamicModule {
    return {
      module: KeysModule,
      imports: [
        HealthModule.forService('keys'),
        WorkspaceDependantsModule.forService('keys'),
        MetricsModule.forService('keys'),
        MessagingModule.forRoot({ natsUrl: config.natsUrl, name: 'keys' }),
        EventStoreModule.fromConfig(config),
        ReadModelsModule.forRoot(readModelsOptions('keys', config, READ_MODELS.keys)),
        ProvidersModule.forRoot(config),
      ],
      controllers: [ApiKeysMessageController],
      providers: [
        { provide: KEYS_CONFIG, useValue: config },
        { provide: KEY_PEPPER, useFactory: () => loadPepper(config) },
        KeyAccess,
        CreateApiKeyHandler,
        ListApiKeysHandler,
        GetApiKeyHandler,
        UpdateApiKeyHandler,
        DeleteApiKeyHandler,
        RotateApiKeyHandler,
        VerifyApiKeyHandler,
        InternalKeysHandler,
        KeySchedulesSweeper,
      ],
    };
  }
}
