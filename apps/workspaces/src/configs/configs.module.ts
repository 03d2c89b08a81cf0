import { Module } from '@nestjs/common';
import { ConfigAccess } from './config-access.js';
import { ConfigDependants } from './config-dependants.js';
import { ConfigsMessageController } from './configs.message.controller.js';
import { CreateConfigHandler } from './create-config/create-config.handler.js';
import { DefaultConfigs } from './default-configs.js';
import { DeleteConfigHandler } from './delete-config/delete-config.handler.js';
import { GetConfigHandler } from './get-config/get-config.handler.js';
import { ListConfigVersionsHandler } from './list-config-versions/list-config-versions.handler.js';
import { ListConfigsHandler } from './list-configs/list-configs.handler.js';
import { ConfigReferenceCheck } from './references/config-references.js';
import { ConfigUsers } from './references/config-users.js';
import { ConfigsUsingProviderHandler } from './references/configs-using-provider.handler.js';
import { UpdateConfigHandler } from './update-config/update-config.handler.js';
import { ResolveConfigForCompletionHandler } from './resolve-for-completion/resolve-config-for-completion.handler.js';

/**
 * Configs (reference §2.8), inside the workspaces service: the event store, read models, RPC
 * client and dependants registry come from the service's global modules.
 */
@Module({
  controllers: [ConfigsMessageController],
  providers: [
    ConfigAccess,
    ConfigReferenceCheck,
    ConfigUsers,
    DefaultConfigs,
    ConfigDependants,
    CreateConfigHandler,
    ResolveConfigForCompletionHandler,
    ListConfigsHandler,
    GetConfigHandler,
    ListConfigVersionsHandler,
    UpdateConfigHandler,
    DeleteConfigHandler,
    ConfigsUsingProviderHandler,
  ],
})
export class ConfigsModule {}
