import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  CreateProviderRequest,
  ListProvidersQuery,
  ProviderRefRequest,
  ProvidersSubjects,
  ReferenceSubjects,
  ResolveProviderCredentialsRequest,
  UpdateProviderRequest,
  type MissingProviderRefsRequest,
  type RequestContext,
} from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { ProviderCredentials } from '../secrets/provider-credentials.js';
import { CreateProviderHandler } from './create-provider/create-provider.handler.js';
import { DeleteProviderHandler } from './delete-provider/delete-provider.handler.js';
import { GetProviderHandler } from './get-provider/get-provider.handler.js';
import { ProviderReferencesHandler } from './internal/provider-references.handler.js';
import { ListProvidersHandler } from './list-providers/list-providers.handler.js';
import { UpdateProviderHandler } from './update-provider/update-provider.handler.js';

@Controller()
export class ProvidersMessageController {
  constructor(
    private readonly createProvider: CreateProviderHandler,
    private readonly listProviders: ListProvidersHandler,
    private readonly getProvider: GetProviderHandler,
    private readonly updateProvider: UpdateProviderHandler,
    private readonly deleteProvider: DeleteProviderHandler,
    private readonly references: ProviderReferencesHandler,
    private readonly credentials: ProviderCredentials,
  ) {}

  @MessagePattern(ProvidersSubjects.create)
  create(@RpcPayload() request: CreateProviderRequest, @RpcCaller() caller: RequestContext) {
    return this.createProvider.execute(request, caller);
  }

  @MessagePattern(ProvidersSubjects.list)
  list(@RpcPayload() query: ListProvidersQuery, @RpcCaller() caller: RequestContext) {
    return this.listProviders.execute(query, caller);
  }

  @MessagePattern(ProvidersSubjects.get)
  get(@RpcPayload() request: ProviderRefRequest, @RpcCaller() caller: RequestContext) {
    return this.getProvider.execute(request, caller);
  }

  @MessagePattern(ProvidersSubjects.update)
  update(@RpcPayload() request: UpdateProviderRequest, @RpcCaller() caller: RequestContext) {
    return this.updateProvider.execute(request, caller);
  }

  @MessagePattern(ProvidersSubjects.delete)
  delete(@RpcPayload() request: ProviderRefRequest, @RpcCaller() caller: RequestContext) {
    return this.deleteProvider.execute(request, caller);
  }

  @MessagePattern(ProvidersSubjects.resolveCredentials)
  resolveCredentials(@RpcPayload() request: ResolveProviderCredentialsRequest, @RpcCaller() caller: RequestContext) {
    return this.credentials.resolve(request, caller);
  }

  @MessagePattern(ReferenceSubjects.missingProviderRefs)
  missingProviderRefs(@RpcPayload() request: MissingProviderRefsRequest) {
    return this.references.missing(request);
  }
}
