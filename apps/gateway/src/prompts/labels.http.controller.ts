import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { CreateLabelBody, LabelsSubjects, ListLabelsQuery, UpdateLabelBody, type LabelView, type ListResponse, type RequestContext } from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, Authorize } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';

/** /v1/labels (reference §2.9): labels for prompt versions, of a workspace or the organisation. */
@Controller('v1/labels')
export class LabelsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @HttpCode(200)
  @Authorize('prompts.create', 'body:workspace_id')
  @Audited('labels', 'create')
  create(@Body() body: CreateLabelBody, @Caller() caller: RequestContext): Promise<{ id: string }> {
    return this.edge.command(LabelsSubjects.create, body, caller);
  }

  @Get()
  @Authorize('prompts.list', 'query:workspace_id')
  list(@Query() query: ListLabelsQuery, @Caller() caller: RequestContext): Promise<ListResponse<LabelView>> {
    return this.edge.query(LabelsSubjects.list, query, caller);
  }

  @Get(':id')
  @Authorize('prompts.read')
  get(@Param('id') ref: string, @Caller() caller: RequestContext): Promise<LabelView> {
    return this.edge.query(LabelsSubjects.get, { ref }, caller);
  }

  @Put(':id')
  @Authorize('prompts.update')
  @Audited('labels', 'update', 'id')
  update(@Param('id') ref: string, @Body() body: UpdateLabelBody, @Caller() caller: RequestContext) {
    return this.edge.command(LabelsSubjects.update, { ref, body }, caller);
  }

  @Delete(':id')
  @Authorize('prompts.delete')
  @Audited('labels', 'delete', 'id')
  remove(@Param('id') ref: string, @Caller() caller: RequestContext) {
    return this.edge.command(LabelsSubjects.delete, { ref }, caller);
  }
}
