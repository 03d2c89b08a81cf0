import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { CreateFeedbackBody, FeedbackSubjects, UpdateFeedbackBody, type FeedbackResultView, type RequestContext } from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, AuthorizedByService } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/** /v1/feedback (reference §2.11): workspace keys with `logs.write`; attached by trace id to that trace's logs. */
@Controller('v1/feedback')
export class FeedbackHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @HttpCode(200)
  @Doc({ summary: 'Give feedback on a trace', response: 'FeedbackResult', scopes: ['logs.write'], description: '`value` −10..10, `weight` 0..1 (default 1), `metadata`.' })
  @AuthorizedByService()
  @Audited('feedback', 'create')
  create(@Body() body: CreateFeedbackBody, @Caller() caller: RequestContext): Promise<FeedbackResultView> {
    return this.edge.command(FeedbackSubjects.create, body, caller);
  }

  @Put(':feedbackId')
  @Doc({ summary: 'Update feedback', response: 'FeedbackResult', scopes: ['logs.write'] })
  @AuthorizedByService()
  @Audited('feedback', 'update', 'feedbackId')
  update(@Param('feedbackId') id: string, @Body() changes: UpdateFeedbackBody, @Caller() caller: RequestContext): Promise<FeedbackResultView> {
    return this.edge.command(FeedbackSubjects.update, { id, changes: { value: changes.value, weight: changes.weight, metadata: changes.metadata } }, caller);
  }
}
