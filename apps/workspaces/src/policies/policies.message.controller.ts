import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { PoliciesSubjects, PolicyRpcRequest, type RequestContext } from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { CreatePolicyHandler } from './create-policy/create-policy.handler.js';
import { DeletePolicyHandler } from './delete-policy/delete-policy.handler.js';
import { GetPolicyHandler } from './get-policy/get-policy.handler.js';
import { ListPoliciesHandler } from './list-policies/list-policies.handler.js';
import { UpdatePolicyHandler } from './update-policy/update-policy.handler.js';

@Controller()
export class PoliciesMessageController {
  constructor(
    private readonly createPolicy: CreatePolicyHandler,
    private readonly listPolicies: ListPoliciesHandler,
    private readonly getPolicy: GetPolicyHandler,
    private readonly updatePolicy: UpdatePolicyHandler,
    private readonly deletePolicy: DeletePolicyHandler,
  ) {}

  @MessagePattern(PoliciesSubjects.create)
  create(@RpcPayload() request: PolicyRpcRequest, @RpcCaller() caller: RequestContext) {
    return this.createPolicy.execute(request, caller);
  }

  @MessagePattern(PoliciesSubjects.list)
  list(@RpcPayload() request: PolicyRpcRequest, @RpcCaller() caller: RequestContext) {
    return this.listPolicies.execute(request, caller);
  }

  @MessagePattern(PoliciesSubjects.get)
  get(@RpcPayload() request: PolicyRpcRequest, @RpcCaller() caller: RequestContext) {
    return this.getPolicy.execute(request, caller);
  }

  @MessagePattern(PoliciesSubjects.update)
  update(@RpcPayload() request: PolicyRpcRequest, @RpcCaller() caller: RequestContext) {
    return this.updatePolicy.execute(request, caller);
  }

  @MessagePattern(PoliciesSubjects.delete)
  delete(@RpcPayload() request: PolicyRpcRequest, @RpcCaller() caller: RequestContext) {
    return this.deletePolicy.execute(request, caller);
  }
}
