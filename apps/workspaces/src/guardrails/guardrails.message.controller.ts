import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  CreateGuardrailBody,
  GuardrailRefRequest,
  GuardrailsSubjects,
  ListGuardrailsQuery,
  ListGuardrailVersionsRequest,
  UpdateGuardrailRequest,
  type RequestContext,
} from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { CreateGuardrailHandler } from './create-guardrail/create-guardrail.handler.js';
import { DeleteGuardrailHandler } from './delete-guardrail/delete-guardrail.handler.js';
import { GetGuardrailHandler } from './get-guardrail/get-guardrail.handler.js';
import { ListGuardrailVersionsHandler } from './list-guardrail-versions/list-guardrail-versions.handler.js';
import { ListGuardrailsHandler } from './list-guardrails/list-guardrails.handler.js';
import { UpdateGuardrailHandler } from './update-guardrail/update-guardrail.handler.js';

@Controller()
export class GuardrailsMessageController {
  constructor(
    private readonly createGuardrail: CreateGuardrailHandler,
    private readonly listGuardrails: ListGuardrailsHandler,
    private readonly getGuardrail: GetGuardrailHandler,
    private readonly listVersions: ListGuardrailVersionsHandler,
    private readonly updateGuardrail: UpdateGuardrailHandler,
    private readonly deleteGuardrail: DeleteGuardrailHandler,
  ) {}

  @MessagePattern(GuardrailsSubjects.create)
  create(@RpcPayload() request: CreateGuardrailBody, @RpcCaller() caller: RequestContext) {
    return this.createGuardrail.execute(request, caller);
  }

  @MessagePattern(GuardrailsSubjects.list)
  list(@RpcPayload() query: ListGuardrailsQuery, @RpcCaller() caller: RequestContext) {
    return this.listGuardrails.execute(query, caller);
  }

  @MessagePattern(GuardrailsSubjects.get)
  get(@RpcPayload() request: GuardrailRefRequest, @RpcCaller() caller: RequestContext) {
    return this.getGuardrail.execute(request, caller);
  }

  @MessagePattern(GuardrailsSubjects.versions)
  versions(@RpcPayload() request: ListGuardrailVersionsRequest, @RpcCaller() caller: RequestContext) {
    return this.listVersions.execute(request, caller);
  }

  @MessagePattern(GuardrailsSubjects.update)
  update(@RpcPayload() request: UpdateGuardrailRequest, @RpcCaller() caller: RequestContext) {
    return this.updateGuardrail.execute(request, caller);
  }

  @MessagePattern(GuardrailsSubjects.delete)
  delete(@RpcPayload() request: GuardrailRefRequest, @RpcCaller() caller: RequestContext) {
    return this.deleteGuardrail.execute(request, caller);
  }
}
