import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  assertNoProblem,
  configProblem,
  ConfigsSubjects,
  CreateConfigBody,
  GetConfigQuery,
  ListConfigsQuery,
  UpdateConfigBody,
  type ConfigSummaryView,
  type ConfigView,
  type CreatedConfigView,
  type ListResponse,
  type RequestContext,
  type UpdatedConfigView,
} from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, Authorize, AuthorizedByService } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';

/**
 * /v1/configs (reference §2.8). Creation and lists name their workspace (admin keys) or use the
 * key's own; a config named by slug or uuid is found first, so the workspaces service applies
 * the policy engine to its workspace (Terraform reads and deletes without naming one).
 */
@Controller('v1/configs')
export class ConfigsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @HttpCode(200)
  @Authorize('configs.create', 'body:workspace_id')
  @Audited('configs', 'create')
  create(@Body() body: CreateConfigBody, @Caller() caller: RequestContext): Promise<CreatedConfigView> {
    assertNoProblem(configProblem(body.config));
    return this.edge.command(ConfigsSubjects.create, body, caller);
  }

  @Get()
  @Authorize('configs.list', 'query:workspace_id')
  list(@Query() query: ListConfigsQuery, @Caller() caller: RequestContext): Promise<ListResponse<ConfigSummaryView>> {
    return this.edge.query(ConfigsSubjects.list, query, caller);
  }

  @Get(':slug')
  @AuthorizedByService()
  get(@Param('slug') ref: string, @Query() query: GetConfigQuery, @Caller() caller: RequestContext): Promise<ConfigView> {
    return this.edge.query(ConfigsSubjects.get, { ref, ...query }, caller);
  }

  @Get(':slug/versions')
  @AuthorizedByService()
  versions(@Param('slug') ref: string, @Query() query: ListConfigsQuery, @Caller() caller: RequestContext): Promise<ListResponse<ConfigView>> {
    const { workspace_id, ...paging } = query;
    return this.edge.query(ConfigsSubjects.versions, { ref, workspace_id, query: paging }, caller);
  }

  @Put(':slug')
  @AuthorizedByService()
  @Audited('configs', 'update', 'slug')
  update(@Param('slug') ref: string, @Body() changes: UpdateConfigBody, @Caller() caller: RequestContext): Promise<UpdatedConfigView> {
    if (changes.config !== undefined) assertNoProblem(configProblem(changes.config));
    return this.edge.command(ConfigsSubjects.update, { ref, changes }, caller);
  }

  @Delete(':slug')
  @AuthorizedByService()
  @Audited('configs', 'delete', 'slug')
  remove(@Param('slug') ref: string, @Query() query: GetConfigQuery, @Caller() caller: RequestContext): Promise<Record<string, never>> {
    return this.edge.command(ConfigsSubjects.delete, { ref, workspace_id: query.workspace_id }, caller);
  }
}
