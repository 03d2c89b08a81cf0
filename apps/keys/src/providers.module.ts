import { Module, type DynamicModule } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import { CreateIntegrationHandler } from './integrations/create-integration/create-integration.handler.js';
import { DeleteIntegrationHandler } from './integrations/delete-integration/delete-integration.handler.js';
import { GetIntegrationHandler } from './integrations/get-integration/get-integration.handler.js';
import { IntegrationAccess } from './integrations/integration-access.js';
import { IntegrationModelsHandler } from './integrations/integration-models/integration-models.handler.js';
import { IntegrationWorkspacesHandler } from './integrations/integration-workspaces/integration-workspaces.handler.js';
import { IntegrationWriter } from './integrations/integration-writer.js';
import { IntegrationsMessageController } from './integrations/integrations.message.controller.js';
import { ListIntegrationsHandler } from './integrations/list-integrations/list-integrations.handler.js';
import { UpdateIntegrationHandler } from './integrations/update-integration/update-integration.handler.js';
import { KEYS_CONFIG } from './pepper.js';
import { CreateProviderHandler } from './providers/create-provider/create-provider.handler.js';
import { DeleteProviderHandler } from './providers/delete-provider/delete-provider.handler.js';
import { GetProviderHandler } from './providers/get-provider/get-provider.handler.js';
import { ProviderDependants } from './providers/internal/provider-dependants.js';
import { ProviderReferencesHandler } from './providers/internal/provider-references.handler.js';
import { ListProvidersHandler } from './providers/list-providers/list-providers.handler.js';
import { ProviderLookup } from './providers/provider-lookup.js';
import { ProviderRemoval } from './providers/provider-removal.js';
import { ProviderViews } from './providers/provider-views.js';
import { ProviderWriter } from './providers/provider-writer.js';
import { ProvidersMessageController } from './providers/providers.message.controller.js';
import { UpdateProviderHandler } from './providers/update-provider/update-provider.handler.js';
import { ProviderCredentials } from './secrets/provider-credentials.js';
import { SecretVault } from './secrets/secret-vault.js';
import { ReferenceUsers } from './shared/reference-users.js';
import { CreateVirtualKeyHandler } from './virtual-keys/create-virtual-key/create-virtual-key.handler.js';
import { DeleteVirtualKeyHandler } from './virtual-keys/delete-virtual-key/delete-virtual-key.handler.js';
import { GetVirtualKeyHandler } from './virtual-keys/get-virtual-key/get-virtual-key.handler.js';
import { ListVirtualKeysHandler } from './virtual-keys/list-virtual-keys/list-virtual-keys.handler.js';
import { UpdateVirtualKeyHandler } from './virtual-keys/update-virtual-key/update-virtual-key.handler.js';
import { VirtualKeysMessageController } from './virtual-keys/virtual-keys.message.controller.js';

/**
 * Integrations, providers and virtual keys, inside the keys service: credentials sealed under
 * per-organisation data keys (secrets/), one decrypting function for the completions path
 * (`ProviderCredentials`). Event store, read models, messaging and the workspace-dependants
 * registry come from the keys service's global modules.
 */
@Module({})
export class ProvidersModule {
  static forRoot(config: PortcullisConfig): DynamicModule {
    return {
      module: ProvidersModule,
      controllers: [IntegrationsMessageController, ProvidersMessageController, VirtualKeysMessageController],
      providers: [
        { provide: KEYS_CONFIG, useValue: config },
        SecretVault,
        ProviderCredentials,
        ReferenceUsers,
        IntegrationWriter,
        IntegrationAccess,
        CreateIntegrationHandler,
        ListIntegrationsHandler,
        GetIntegrationHandler,
        UpdateIntegrationHandler,
        DeleteIntegrationHandler,
        IntegrationModelsHandler,
        IntegrationWorkspacesHandler,
        ProviderWriter,
        ProviderLookup,
        ProviderViews,
        ProviderRemoval,
        CreateProviderHandler,
        ListProvidersHandler,
        GetProviderHandler,
        UpdateProviderHandler,
        DeleteProviderHandler,
        ProviderReferencesHandler,
        ProviderDependants,
        CreateVirtualKeyHandler,
        ListVirtualKeysHandler,
        GetVirtualKeyHandler,
        UpdateVirtualKeyHandler,
        DeleteVirtualKeyHandler,
      ],
    };
  }
}
