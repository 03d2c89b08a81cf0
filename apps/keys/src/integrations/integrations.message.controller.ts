import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  CreateIntegrationRequest,
  DeleteIntegrationModelsRequest,
  IntegrationRef,
  IntegrationsSubjects,
  ListIntegrationsQuery,
  UpdateIntegrationModelsRequest,
  UpdateIntegrationRequest,
  UpdateIntegrationWorkspacesRequest,
  type RequestContext,
} from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { CreateIntegrationHandler } from './create-integration/create-integration.handler.js';
import { DeleteIntegrationHandler } from './delete-integration/delete-integration.handler.js';
import { GetIntegrationHandler } from './get-integration/get-integration.handler.js';
import { IntegrationModelsHandler } from './integration-models/integration-models.handler.js';
import { IntegrationWorkspacesHandler } from './integration-workspaces/integration-workspaces.handler.js';
import { ListIntegrationsHandler } from './list-integrations/list-integrations.handler.js';
import { UpdateIntegrationHandler } from './update-integration/update-integration.handler.js';

@Controller()
export class IntegrationsMessageController {
  constructor(
    private readonly createIntegration: CreateIntegrationHandler,
    private readonly listIntegrations: ListIntegrationsHandler,
    private readonly getIntegration: GetIntegrationHandler,
    private readonly updateIntegration: UpdateIntegrationHandler,
    private readonly deleteIntegration: DeleteIntegrationHandler,
    private readonly models: IntegrationModelsHandler,
    private readonly workspaces: IntegrationWorkspacesHandler,
  ) {}

  @MessagePattern(IntegrationsSubjects.create)
  create(@RpcPayload() request: CreateIntegrationRequest, @RpcCaller() caller: RequestContext) {
    return this.createIntegration.execute(request, caller);
  }

  @MessagePattern(IntegrationsSubjects.list)
  list(@RpcPayload() query: ListIntegrationsQuery, @RpcCaller() caller: RequestContext) {
    return this.listIntegrations.execute(query, caller);
  }

  @MessagePattern(IntegrationsSubjects.get)
  get(@RpcPayload() ref: IntegrationRef, @RpcCaller() caller: RequestContext) {
    return this.getIntegration.execute(ref.ref, caller);
  }

  @MessagePattern(IntegrationsSubjects.update)
  update(@RpcPayload() request: UpdateIntegrationRequest, @RpcCaller() caller: RequestContext) {
    return this.updateIntegration.execute(request, caller);
  }

  @MessagePattern(IntegrationsSubjects.delete)
  delete(@RpcPayload() ref: IntegrationRef, @RpcCaller() caller: RequestContext) {
    return this.deleteIntegration.execute(ref.ref, caller);
  }

  @MessagePattern(IntegrationsSubjects.getModels)
  getModels(@RpcPayload() ref: IntegrationRef, @RpcCaller() caller: RequestContext) {
    return this.models.list(ref.ref, caller);
  }

  @MessagePattern(IntegrationsSubjects.updateModels)
  updateModels(@RpcPayload() request: UpdateIntegrationModelsRequest, @RpcCaller() caller: RequestContext) {
    return this.models.update(request, caller);
  }

  @MessagePattern(IntegrationsSubjects.deleteModels)
  deleteModels(@RpcPayload() request: DeleteIntegrationModelsRequest, @RpcCaller() caller: RequestContext) {
    return this.models.remove(request, caller);
  }

  @MessagePattern(IntegrationsSubjects.getWorkspaces)
  getWorkspaces(@RpcPayload() ref: IntegrationRef, @RpcCaller() caller: RequestContext) {
    return this.workspaces.list(ref.ref, caller);
  }

  @MessagePattern(IntegrationsSubjects.updateWorkspaces)
  updateWorkspaces(@RpcPayload() request: UpdateIntegrationWorkspacesRequest, @RpcCaller() caller: RequestContext) {
    return this.workspaces.update(request, caller);
  }
}
