import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  CreatePromptBody,
  LabelVersionBody,
  ListPromptsQuery,
  PromptsSubjects,
  PublishBody,
  RenderPromptBody,
  UpdatePromptBody,
  VersionQuery,
  type CreatedPrompt,
  type ListResponse,
  type PromptListItem,
  type PromptVersionListItem,
  type PromptView,
  type RenderedPrompt,
  type RequestContext,
  type UpdatedPrompt,
} from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, Authorize } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/**
 * /v1/prompts (reference §2.9). Versions are immutable; `makeDefault` publishes one (its own scope
 * and audit action); `render` is data-plane (`prompts.render`, workspace keys only).
 */
@Controller('v1/prompts')
export class PromptsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @Doc({ summary: 'Create a prompt', response: 'CreatedPrompt' })
  @HttpCode(200)
  @Authorize('prompts.create', 'body:workspace_id')
  @Audited('prompts', 'create')
  create(@Body() body: CreatePromptBody, @Caller() caller: RequestContext): Promise<CreatedPrompt> {
    return this.edge.command(PromptsSubjects.create, body, caller);
  }

  @Get()
  @Doc({ summary: 'List prompts', response: 'PromptList' })
  @Authorize('prompts.list', 'query:workspace_id')
  list(@Query() query: ListPromptsQuery, @Caller() caller: RequestContext): Promise<ListResponse<PromptListItem>> {
    return this.edge.query(PromptsSubjects.list, query, caller);
  }

  @Get(':id')
  @Doc({ summary: 'Get a prompt', response: 'Prompt', description: 'The published version unless `?version=N`.' })
  @Authorize('prompts.read')
  get(@Param('id') ref: string, @Query() query: VersionQuery, @Caller() caller: RequestContext): Promise<PromptView> {
    return this.edge.query(PromptsSubjects.get, { ref, version: query.version }, caller);
  }

  @Put(':id')
  @Doc({ summary: 'Update a prompt', response: 'UpdatedPrompt', description: 'Changed content makes a new version; `patch: true` copies omitted version fields from the latest one.' })
  @Authorize('prompts.update')
  @Audited('prompts', 'update', 'id')
  update(@Param('id') ref: string, @Body() body: UpdatePromptBody, @Caller() caller: RequestContext): Promise<UpdatedPrompt> {
    return this.edge.command(PromptsSubjects.update, { ref, body }, caller);
  }

  @Delete(':id')
  @Doc({ summary: 'Delete a prompt', response: 'Empty' })
  @Authorize('prompts.delete')
  @Audited('prompts', 'delete', 'id')
  remove(@Param('id') ref: string, @Caller() caller: RequestContext) {
    return this.edge.command(PromptsSubjects.delete, { ref }, caller);
  }

  @Get(':id/versions')
  @Doc({ summary: "List a prompt's versions", response: 'PromptVersionList' })
  @Authorize('prompts.read')
  versions(@Param('id') ref: string, @Caller() caller: RequestContext): Promise<ListResponse<PromptVersionListItem>> {
    return this.edge.query(PromptsSubjects.listVersions, { ref }, caller);
  }

  @Get(':id/versions/:versionId')
  @Doc({ summary: 'Get a prompt version', response: 'Prompt' })
  @Authorize('prompts.read')
  version(@Param('id') ref: string, @Param('versionId') versionId: string, @Caller() caller: RequestContext): Promise<PromptView> {
    return this.edge.query(PromptsSubjects.getVersion, { ref, versionId }, caller);
  }

  @Put(':id/versions/:versionId')
  @Doc({ summary: 'Label a prompt version', response: 'Empty', description: 'Only `label_id` (versions are immutable); null takes the label off.' })
  @Authorize('prompts.update')
  @Audited('prompts', 'update', 'id')
  label(@Param('id') ref: string, @Param('versionId') versionId: string, @Body() body: LabelVersionBody, @Caller() caller: RequestContext) {
    return this.edge.command(PromptsSubjects.labelVersion, { ref, versionId, body }, caller);
  }

  @Put(':id/makeDefault')
  @Doc({ summary: 'Publish a prompt version', response: 'Empty' })
  @Authorize('prompts.publish')
  @Audited('prompts', 'publish', 'id')
  publish(@Param('id') ref: string, @Body() body: PublishBody, @Caller() caller: RequestContext) {
    return this.edge.command(PromptsSubjects.publish, { ref, version: body.version }, caller);
  }

  @Post(':id/render')
  @Doc({ summary: 'Render a prompt', response: 'RenderedPrompt', description: 'The published version with its variables filled in: the body a completion would send. Workspace keys only.' })
  @HttpCode(200)
  @Authorize('prompts.render')
  render(@Param('id') ref: string, @Body() body: RenderPromptBody, @Caller() caller: RequestContext): Promise<RenderedPrompt> {
    return this.edge.query(PromptsSubjects.render, { ref, body }, caller);
  }
}
