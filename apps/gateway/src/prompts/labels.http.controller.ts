import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CreateLabelBody, LabelsSubjects, ListLabelsQuery, UpdateLabelBody, type LabelView, type ListResponse, type RequestContext } from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, Authorize } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/** /v1/labels (reference §2.9): labels for prompt versions, of a workspace or the organisation. */
@Controller('v1/labels')
export class LabelsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @Doc({ summary: 'Create a label', response: 'CreatedLabel', description: 'Without `workspace_id` (admin keys) the label belongs to the organisation.' })
  @HttpCode(200)
  @Authorize('prompts.create', 'body:workspace_id')
  @Audited('labels', 'create')
  create(@Body() body: CreateLabelBody, @Caller() caller: RequestContext): Promise<{ id: string }> {
    return this.edge.command(LabelsSubjects.create, body, caller);
  }

  @Get()
  @Doc({ summary: 'List labels', response: 'LabelList' })
  @Authorize('prompts.list', 'query:workspace_id')
  list(@Query() query: ListLabelsQuery, @Caller() caller: RequestContext): Promise<ListResponse<LabelView>> {
    return this.edge.query(LabelsSubjects.list, query, caller);
  }

  @Get(':id')
  @Doc({ summary: 'Get a label', response: 'Label' })
  @Authorize('prompts.read')
  get(@Param('id') ref: string, @Caller() caller: RequestContext): Promise<LabelView> {
    return this.edge.query(LabelsSubjects.get, { ref }, caller);
  }

  @Put(':id')
  @Doc({ summary: 'Update a label', response: 'Empty' })
  @Authorize('prompts.update')
  @Audited('labels', 'update', 'id')
  update(@Param('id') ref: string, @Body() body: UpdateLabelBody, @Caller() caller: RequestContext) {
    return this.edge.command(LabelsSubjects.update, { ref, body }, caller);
  }

  @Delete(':id')
  @Doc({ summary: 'Delete a label', response: 'Empty' })
  @Authorize('prompts.delete')
  @Audited('labels', 'delete', 'id')
  remove(@Param('id') ref: string, @Caller() caller: RequestContext) {
    return this.edge.command(LabelsSubjects.delete, { ref }, caller);
  }
}
