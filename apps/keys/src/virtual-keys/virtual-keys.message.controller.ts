import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CreateVirtualKeyRequest, ListVirtualKeysQuery, ProviderRefRequest, UpdateVirtualKeyRequest, VirtualKeysSubjects, type RequestContext } from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { CreateVirtualKeyHandler } from './create-virtual-key/create-virtual-key.handler.js';
import { DeleteVirtualKeyHandler } from './delete-virtual-key/delete-virtual-key.handler.js';
import { GetVirtualKeyHandler } from './get-virtual-key/get-virtual-key.handler.js';
import { ListVirtualKeysHandler } from './list-virtual-keys/list-virtual-keys.handler.js';
import { UpdateVirtualKeyHandler } from './update-virtual-key/update-virtual-key.handler.js';

@Controller()
export class VirtualKeysMessageController {
  constructor(
    private readonly createKey: CreateVirtualKeyHandler,
    private readonly listKeys: ListVirtualKeysHandler,
    private readonly getKey: GetVirtualKeyHandler,
    private readonly updateKey: UpdateVirtualKeyHandler,
    private readonly deleteKey: DeleteVirtualKeyHandler,
  ) {}

  @MessagePattern(VirtualKeysSubjects.create)
  create(@RpcPayload() request: CreateVirtualKeyRequest, @RpcCaller() caller: RequestContext) {
    return this.createKey.execute(request, caller);
  }

  @MessagePattern(VirtualKeysSubjects.list)
  list(@RpcPayload() query: ListVirtualKeysQuery, @RpcCaller() caller: RequestContext) {
    return this.listKeys.execute(query, caller);
  }

  @MessagePattern(VirtualKeysSubjects.get)
  get(@RpcPayload() request: ProviderRefRequest, @RpcCaller() caller: RequestContext) {
    return this.getKey.execute(request, caller);
  }

  @MessagePattern(VirtualKeysSubjects.update)
  update(@RpcPayload() request: UpdateVirtualKeyRequest, @RpcCaller() caller: RequestContext) {
    return this.updateKey.execute(request, caller);
  }

  @MessagePattern(VirtualKeysSubjects.delete)
  delete(@RpcPayload() request: ProviderRefRequest, @RpcCaller() caller: RequestContext) {
    return this.deleteKey.execute(request, caller);
  }
}
