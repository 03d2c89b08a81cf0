import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  ConfigRefRequest,
  ConfigsSubjects,
  CreateConfigBody,
  ListConfigsQuery,
  ListConfigVersionsRequest,
  ReferenceSubjects,
  RefUsersQuery,
  ResolveConfigForCompletionRequest,
  UpdateConfigRequest,
  type RequestContext,
} from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { CreateConfigHandler } from './create-config/create-config.handler.js';
import { DeleteConfigHandler } from './delete-config/delete-config.handler.js';
import { GetConfigHandler } from './get-config/get-config.handler.js';
import { ListConfigVersionsHandler } from './list-config-versions/list-config-versions.handler.js';
import { ListConfigsHandler } from './list-configs/list-configs.handler.js';
import { ConfigsUsingProviderHandler } from './references/configs-using-provider.handler.js';
import { UpdateConfigHandler } from './update-config/update-config.handler.js';
import { ResolveConfigForCompletionHandler } from './resolve-for-completion/resolve-config-for-completion.handler.js';

@Controller()
export class ConfigsMessageController {
  constructor(
    private readonly createConfig: CreateConfigHandler,
    private readonly listConfigs: ListConfigsHandler,
    private readonly getConfig: GetConfigHandler,
    private readonly listVersions: ListConfigVersionsHandler,
    private readonly updateConfig: UpdateConfigHandler,
    private readonly deleteConfig: DeleteConfigHandler,
    private readonly usingProvider: ConfigsUsingProviderHandler,
    private readonly resolveConfig: ResolveConfigForCompletionHandler,
  ) {}

  @MessagePattern(ConfigsSubjects.create)
  create(@RpcPayload() request: CreateConfigBody, @RpcCaller() caller: RequestContext) {
    return this.createConfig.execute(request, caller);
  }

  @MessagePattern(ConfigsSubjects.list)
  list(@RpcPayload() query: ListConfigsQuery, @RpcCaller() caller: RequestContext) {
    return this.listConfigs.execute(query, caller);
  }

  @MessagePattern(ConfigsSubjects.get)
  get(@RpcPayload() request: ConfigRefRequest, @RpcCaller() caller: RequestContext) {
    return this.getConfig.execute(request, caller);
  }

  @MessagePattern(ConfigsSubjects.versions)
  versions(@RpcPayload() request: ListConfigVersionsRequest, @RpcCaller() caller: RequestContext) {
    return this.listVersions.execute(request, caller);
  }

  @MessagePattern(ConfigsSubjects.update)
  update(@RpcPayload() request: UpdateConfigRequest, @RpcCaller() caller: RequestContext) {
    return this.updateConfig.execute(request, caller);
  }

  @MessagePattern(ConfigsSubjects.delete)
  delete(@RpcPayload() request: ConfigRefRequest, @RpcCaller() caller: RequestContext) {
    return this.deleteConfig.execute(request, caller);
  }

  @MessagePattern(ReferenceSubjects.configsUsingProvider)
  configsUsingProvider(@RpcPayload() request: RefUsersQuery) {
    return this.usingProvider.execute(request);
  }

  @MessagePattern(ConfigsSubjects.resolveForCompletion)
  resolveForCompletion(@RpcPayload() request: ResolveConfigForCompletionRequest, @RpcCaller() caller: RequestContext) {
    return this.resolveConfig.execute(request, caller);
  }
}
