import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  CreateProviderBody,
  ListProvidersQuery,
  ProvidersSubjects,
  ProviderWorkspaceQuery,
  UpdateProviderBody,
  type CreatedRef,
  type ListResponse,
  type ProviderView,
  type RequestContext,
} from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, Authorize } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/**
 * /v1/providers (reference §2.7): a workspace's handle on an integration. Admin keys name the
 * workspace (`workspace_id`, uuid or slug) in the query, or the body on writes; the keys service
 * checks the loaded provider's workspace again.
 */
@Controller('v1/providers')
export class ProvidersHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @Doc({ summary: 'Create a provider', response: 'CreatedProvider' })
  @HttpCode(200)
  @Authorize('providers.create', 'body:workspace_id')
  @Audited('providers', 'create')
  create(@Body() body: CreateProviderBody, @Caller() caller: RequestContext): Promise<CreatedRef> {
    return this.edge.command(ProvidersSubjects.create, body, caller);
  }

  @Get()
  @Doc({ summary: 'List providers', response: 'ProviderList' })
  @Authorize('providers.list', 'query:workspace_id')
  list(@Query() query: ListProvidersQuery, @Caller() caller: RequestContext): Promise<ListResponse<ProviderView>> {
    return this.edge.query(ProvidersSubjects.list, query, caller);
  }

  @Get(':slug')
  @Doc({ summary: 'Get a provider', response: 'Provider' })
  @Authorize('providers.read', 'query:workspace_id')
  get(@Param('slug') slug: string, @Query() query: ProviderWorkspaceQuery, @Caller() caller: RequestContext): Promise<ProviderView> {
    return this.edge.query(ProvidersSubjects.get, { ref: slug, workspace_id: query.workspace_id }, caller);
  }

  @Put(':slug')
  @Doc({ summary: 'Update a provider', response: 'ProviderRef' })
  @Authorize('providers.update', 'body:workspace_id')
  @Audited('providers', 'update', 'slug')
  update(@Param('slug') slug: string, @Query() query: ProviderWorkspaceQuery, @Body() changes: UpdateProviderBody, @Caller() caller: RequestContext): Promise<CreatedRef> {
    return this.edge.command(ProvidersSubjects.update, { ref: slug, workspace_id: query.workspace_id ?? changes.workspace_id, changes }, caller);
  }

  @Delete(':slug')
  @Doc({ summary: 'Delete a provider', response: 'Empty' })
  @Authorize('providers.delete', 'query:workspace_id')
  @Audited('providers', 'delete', 'slug')
  remove(@Param('slug') slug: string, @Query() query: ProviderWorkspaceQuery, @Caller() caller: RequestContext) {
    return this.edge.command(ProvidersSubjects.delete, { ref: slug, workspace_id: query.workspace_id }, caller);
  }
}
