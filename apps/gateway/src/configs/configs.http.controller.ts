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
import { Doc } from '../openapi/doc.decorator.js';

/**
 * /v1/configs (reference §2.8). Creation and lists name their workspace (admin keys) or use the
 * key's own; a config named by slug or uuid is found first, so the workspaces service applies
 * the policy engine to its workspace (Terraform reads and deletes without naming one).
 */
@Controller('v1/configs')
export class ConfigsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @Doc({ summary: 'Create a config', response: 'CreatedConfig', description: 'The ids are sent both at the top level (Terraform) and in `data` (the spec).' })
  @HttpCode(200)
  @Authorize('configs.create', 'body:workspace_id')
  @Audited('configs', 'create')
  create(@Body() body: CreateConfigBody, @Caller() caller: RequestContext): Promise<CreatedConfigView> {
    assertNoProblem(configProblem(body.config));
    return this.edge.command(ConfigsSubjects.create, body, caller);
  }

  @Get()
  @Doc({ summary: 'List configs', response: 'ConfigList' })
  @Authorize('configs.list', 'query:workspace_id')
  list(@Query() query: ListConfigsQuery, @Caller() caller: RequestContext): Promise<ListResponse<ConfigSummaryView>> {
    return this.edge.query(ConfigsSubjects.list, query, caller);
  }

  @Get(':slug')
  @Doc({ summary: 'Get a config', response: 'Config', scopes: ['configs.read'], description: 'By slug or id; `config` is a JSON string. `?version=N` selects a version.' })
  @AuthorizedByService()
  get(@Param('slug') ref: string, @Query() query: GetConfigQuery, @Caller() caller: RequestContext): Promise<ConfigView> {
    return this.edge.query(ConfigsSubjects.get, { ref, ...query }, caller);
  }

  @Get(':slug/versions')
  @Doc({ summary: "List a config's versions", response: 'ConfigVersionList', scopes: ['configs.read'] })
  @AuthorizedByService()
  versions(@Param('slug') ref: string, @Query() query: ListConfigsQuery, @Caller() caller: RequestContext): Promise<ListResponse<ConfigView>> {
    const { workspace_id, ...paging } = query;
    return this.edge.query(ConfigsSubjects.versions, { ref, workspace_id, query: paging }, caller);
  }

  @Put(':slug')
  @Doc({ summary: 'Update a config', response: 'UpdatedConfig', scopes: ['configs.update'], description: 'A changed `config` makes a new version.' })
  @AuthorizedByService()
  @Audited('configs', 'update', 'slug')
  update(@Param('slug') ref: string, @Body() changes: UpdateConfigBody, @Caller() caller: RequestContext): Promise<UpdatedConfigView> {
    if (changes.config !== undefined) assertNoProblem(configProblem(changes.config));
    return this.edge.command(ConfigsSubjects.update, { ref, changes }, caller);
  }

  @Delete(':slug')
  @Doc({ summary: 'Delete a config', response: 'Empty', scopes: ['configs.delete'] })
  @AuthorizedByService()
  @Audited('configs', 'delete', 'slug')
  remove(@Param('slug') ref: string, @Query() query: GetConfigQuery, @Caller() caller: RequestContext): Promise<Record<string, never>> {
    return this.edge.command(ConfigsSubjects.delete, { ref, workspace_id: query.workspace_id }, caller);
  }
}
