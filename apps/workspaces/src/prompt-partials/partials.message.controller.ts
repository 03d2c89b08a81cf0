import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CreatePartialBody, GetPartialRequest, LibraryRefRequest, ListPartialsQuery, PromptPartialsSubjects, PublishRequest, UpdatePartialRequest, type RequestContext } from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { CreatePartialHandler } from './create-partial/create-partial.handler.js';
import { DeletePartialHandler } from './delete-partial/delete-partial.handler.js';
import { GetPartialHandler } from './get-partial/get-partial.handler.js';
import { ListPartialVersionsHandler } from './list-partial-versions/list-partial-versions.handler.js';
import { ListPartialsHandler } from './list-partials/list-partials.handler.js';
import { PublishPartialHandler } from './publish-partial/publish-partial.handler.js';
import { UpdatePartialHandler } from './update-partial/update-partial.handler.js';

@Controller()
export class PartialsMessageController {
  constructor(
    private readonly createPartial: CreatePartialHandler,
    private readonly listPartials: ListPartialsHandler,
    private readonly getPartial: GetPartialHandler,
    private readonly updatePartial: UpdatePartialHandler,
    private readonly deletePartial: DeletePartialHandler,
    private readonly listVersions: ListPartialVersionsHandler,
    private readonly publishPartial: PublishPartialHandler,
  ) {}

  @MessagePattern(PromptPartialsSubjects.create)
  create(@RpcPayload() body: CreatePartialBody, @RpcCaller() caller: RequestContext) {
    return this.createPartial.execute(body, caller);
  }

  @MessagePattern(PromptPartialsSubjects.list)
  list(@RpcPayload() query: ListPartialsQuery, @RpcCaller() caller: RequestContext) {
    return this.listPartials.execute(query, caller);
  }

  @MessagePattern(PromptPartialsSubjects.get)
  get(@RpcPayload() request: GetPartialRequest, @RpcCaller() caller: RequestContext) {
    return this.getPartial.execute(request, caller);
  }

  @MessagePattern(PromptPartialsSubjects.update)
  update(@RpcPayload() request: UpdatePartialRequest, @RpcCaller() caller: RequestContext) {
    return this.updatePartial.execute(request, caller);
  }

  @MessagePattern(PromptPartialsSubjects.delete)
  delete(@RpcPayload() request: LibraryRefRequest, @RpcCaller() caller: RequestContext) {
    return this.deletePartial.execute(request.ref, caller);
  }

  @MessagePattern(PromptPartialsSubjects.listVersions)
  versions(@RpcPayload() request: LibraryRefRequest, @RpcCaller() caller: RequestContext) {
    return this.listVersions.execute(request.ref, caller);
  }

  @MessagePattern(PromptPartialsSubjects.publish)
  publish(@RpcPayload() request: PublishRequest, @RpcCaller() caller: RequestContext) {
    return this.publishPartial.execute(request, caller);
  }
}
