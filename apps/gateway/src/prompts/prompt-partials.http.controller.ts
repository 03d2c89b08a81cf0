import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  CreatePartialBody,
  ListPartialsQuery,
  PromptPartialsSubjects,
  PublishBody,
  UpdatePartialBody,
  VersionQuery,
  type ListResponse,
  type PartialListItem,
  type PartialVersionListItem,
  type PartialView,
  type RequestContext,
} from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, Authorize } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/** /v1/prompts/partials (reference §2.9): versioned and published like prompts, under `prompts.*`. */
@Controller('v1/prompts/partials')
export class PromptPartialsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @Doc({ summary: 'Create a prompt partial', response: 'CreatedPartial' })
  @HttpCode(200)
  @Authorize('prompts.create', 'body:workspace_id')
  @Audited('prompt_partials', 'create')
  create(@Body() body: CreatePartialBody, @Caller() caller: RequestContext): Promise<{ id: string; slug: string; version_id: string }> {
    return this.edge.command(PromptPartialsSubjects.create, body, caller);
  }

  @Get()
  @Doc({ summary: 'List prompt partials', response: 'PartialList' })
  @Authorize('prompts.list', 'query:workspace_id')
  list(@Query() query: ListPartialsQuery, @Caller() caller: RequestContext): Promise<ListResponse<PartialListItem>> {
    return this.edge.query(PromptPartialsSubjects.list, query, caller);
  }

  @Get(':id')
  @Doc({ summary: 'Get a prompt partial', response: 'Partial', description: 'The published version unless `?version=N`.' })
  @Authorize('prompts.read')
  get(@Param('id') ref: string, @Query() query: VersionQuery, @Caller() caller: RequestContext): Promise<PartialView> {
    return this.edge.query(PromptPartialsSubjects.get, { ref, version: query.version }, caller);
  }

  @Put(':id')
  @Doc({ summary: 'Update a prompt partial', response: 'UpdatedPartial', description: 'A changed `string` makes a new, unpublished version.' })
  @Authorize('prompts.update')
  @Audited('prompt_partials', 'update', 'id')
  update(@Param('id') ref: string, @Body() body: UpdatePartialBody, @Caller() caller: RequestContext) {
    return this.edge.command(PromptPartialsSubjects.update, { ref, body }, caller);
  }

  @Delete(':id')
  @Doc({ summary: 'Delete a prompt partial', response: 'Empty' })
  @Authorize('prompts.delete')
  @Audited('prompt_partials', 'delete', 'id')
  remove(@Param('id') ref: string, @Caller() caller: RequestContext) {
    return this.edge.command(PromptPartialsSubjects.delete, { ref }, caller);
  }

  @Get(':id/versions')
  @Doc({ summary: "List a prompt partial's versions", response: 'PartialVersionList' })
  @Authorize('prompts.read')
  versions(@Param('id') ref: string, @Caller() caller: RequestContext): Promise<ListResponse<PartialVersionListItem>> {
    return this.edge.query(PromptPartialsSubjects.listVersions, { ref }, caller);
  }

  @Put(':id/makeDefault')
  @Doc({ summary: 'Publish a prompt partial version', response: 'Empty' })
  @Authorize('prompts.publish')
  @Audited('prompt_partials', 'publish', 'id')
  publish(@Param('id') ref: string, @Body() body: PublishBody, @Caller() caller: RequestContext) {
    return this.edge.command(PromptPartialsSubjects.publish, { ref, version: body.version }, caller);
  }
}
