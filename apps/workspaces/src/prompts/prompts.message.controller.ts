import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  CreatePromptBody,
  GetPromptRequest,
  LabelVersionRequest,
  LibraryRefRequest,
  ListPromptsQuery,
  PromptsSubjects,
  PromptVersionRefRequest,
  PublishRequest,
  RenderPromptRequest,
  UpdatePromptRequest,
  type RequestContext,
} from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { CreatePromptHandler } from './create-prompt/create-prompt.handler.js';
import { DeletePromptHandler } from './delete-prompt/delete-prompt.handler.js';
import { GetPromptHandler } from './get-prompt/get-prompt.handler.js';
import { LabelVersionHandler } from './label-version/label-version.handler.js';
import { ListPromptsHandler } from './list-prompts/list-prompts.handler.js';
import { ListVersionsHandler } from './list-versions/list-versions.handler.js';
import { PublishPromptHandler } from './publish-prompt/publish-prompt.handler.js';
import { RenderPromptHandler } from './render-prompt/render-prompt.handler.js';
import { RenderForCompletionHandler } from './render-for-completion/render-for-completion.handler.js';
import { UpdatePromptHandler } from './update-prompt/update-prompt.handler.js';

@Controller()
export class PromptsMessageController {
  constructor(
    private readonly createPrompt: CreatePromptHandler,
    private readonly listPrompts: ListPromptsHandler,
    private readonly getPrompt: GetPromptHandler,
    private readonly updatePrompt: UpdatePromptHandler,
    private readonly deletePrompt: DeletePromptHandler,
    private readonly listVersions: ListVersionsHandler,
    private readonly labelVersion: LabelVersionHandler,
    private readonly publishPrompt: PublishPromptHandler,
    private readonly renderPrompt: RenderPromptHandler,
    private readonly renderForCompletion: RenderForCompletionHandler,
  ) {}

  @MessagePattern(PromptsSubjects.create)
  create(@RpcPayload() body: CreatePromptBody, @RpcCaller() caller: RequestContext) {
    return this.createPrompt.execute(body, caller);
  }

  @MessagePattern(PromptsSubjects.list)
  list(@RpcPayload() query: ListPromptsQuery, @RpcCaller() caller: RequestContext) {
    return this.listPrompts.execute(query, caller);
  }

  @MessagePattern(PromptsSubjects.get)
  get(@RpcPayload() request: GetPromptRequest, @RpcCaller() caller: RequestContext) {
    return this.getPrompt.execute(request, caller);
  }

  @MessagePattern(PromptsSubjects.update)
  update(@RpcPayload() request: UpdatePromptRequest, @RpcCaller() caller: RequestContext) {
    return this.updatePrompt.execute(request, caller);
  }

  @MessagePattern(PromptsSubjects.delete)
  delete(@RpcPayload() request: LibraryRefRequest, @RpcCaller() caller: RequestContext) {
    return this.deletePrompt.execute(request.ref, caller);
  }

  @MessagePattern(PromptsSubjects.listVersions)
  versions(@RpcPayload() request: LibraryRefRequest, @RpcCaller() caller: RequestContext) {
    return this.listVersions.execute(request.ref, caller);
  }

  @MessagePattern(PromptsSubjects.getVersion)
  version(@RpcPayload() request: PromptVersionRefRequest, @RpcCaller() caller: RequestContext) {
    return this.getPrompt.version(request, caller);
  }

  @MessagePattern(PromptsSubjects.labelVersion)
  label(@RpcPayload() request: LabelVersionRequest, @RpcCaller() caller: RequestContext) {
    return this.labelVersion.execute(request, caller);
  }

  @MessagePattern(PromptsSubjects.publish)
  publish(@RpcPayload() request: PublishRequest, @RpcCaller() caller: RequestContext) {
    return this.publishPrompt.execute(request, caller);
  }

  @MessagePattern(PromptsSubjects.render)
  render(@RpcPayload() request: RenderPromptRequest, @RpcCaller() caller: RequestContext) {
    return this.renderPrompt.execute(request, caller);
  }

  @MessagePattern(PromptsSubjects.renderForCompletion)
  renderForCompletions(@RpcPayload() request: RenderPromptRequest, @RpcCaller() caller: RequestContext) {
    return this.renderForCompletion.execute(request, caller);
  }
}
