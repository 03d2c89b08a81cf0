import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CreateFeedbackBody, FeedbackSubjects, UpdateFeedbackRequest, type RequestContext } from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { FeedbackHandlers } from './feedback.handlers.js';

@Controller()
export class FeedbackMessageController {
  constructor(private readonly handlers: FeedbackHandlers) {}

  @MessagePattern(FeedbackSubjects.create)
  create(@RpcPayload() body: CreateFeedbackBody, @RpcCaller() caller: RequestContext) {
    return this.handlers.create(body, caller);
  }

  @MessagePattern(FeedbackSubjects.update)
  update(@RpcPayload() request: UpdateFeedbackRequest, @RpcCaller() caller: RequestContext) {
    return this.handlers.update(request, caller);
  }
}
