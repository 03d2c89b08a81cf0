import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  CreateVirtualKeyBody,
  ListVirtualKeysQuery,
  ProviderWorkspaceQuery,
  UpdateVirtualKeyBody,
  VirtualKeysSubjects,
  type CreatedRef,
  type CreatedVirtualKey,
  type ListResponse,
  type RequestContext,
  type VirtualKeyView,
} from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, Authorize } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/**
 * /v1/virtual-keys (reference §2.6, legacy but still the SDK's): a provider over a private
 * integration, shown in the legacy shape. The key is never returned, only `masked_api_key`.
 */
@Controller('v1/virtual-keys')
export class VirtualKeysHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @Doc({ summary: 'Create a virtual key', response: 'CreatedVirtualKey', description: 'The ids are sent both at the top level (the SDK) and in `data` (the spec).' })
  @HttpCode(200)
  @Authorize('virtual_keys.create', 'body:workspace_id')
  @Audited('virtual_keys', 'create')
  create(@Body() body: CreateVirtualKeyBody, @Caller() caller: RequestContext): Promise<CreatedVirtualKey> {
    return this.edge.command(VirtualKeysSubjects.create, body, caller);
  }

  @Get()
  @Doc({ summary: 'List virtual keys', response: 'VirtualKeyList' })
  @Authorize('virtual_keys.list', 'query:workspace_id')
  list(@Query() query: ListVirtualKeysQuery, @Caller() caller: RequestContext): Promise<ListResponse<VirtualKeyView>> {
    return this.edge.query(VirtualKeysSubjects.list, query, caller);
  }

  @Get(':slug')
  @Doc({ summary: 'Get a virtual key', response: 'VirtualKey' })
  @Authorize('virtual_keys.read', 'query:workspace_id')
  get(@Param('slug') slug: string, @Query() query: ProviderWorkspaceQuery, @Caller() caller: RequestContext): Promise<VirtualKeyView> {
    return this.edge.query(VirtualKeysSubjects.get, { ref: slug, workspace_id: query.workspace_id }, caller);
  }

  @Put(':slug')
  @Doc({ summary: 'Update a virtual key', response: 'UpdatedVirtualKey' })
  @Authorize('virtual_keys.update', 'body:workspace_id')
  @Audited('virtual_keys', 'update', 'slug')
  update(@Param('slug') slug: string, @Query() query: ProviderWorkspaceQuery, @Body() changes: UpdateVirtualKeyBody, @Caller() caller: RequestContext): Promise<CreatedRef> {
    return this.edge.command(VirtualKeysSubjects.update, { ref: slug, workspace_id: query.workspace_id ?? changes.workspace_id, changes }, caller);
  }

  @Delete(':slug')
  @Doc({ summary: 'Delete a virtual key', response: 'Empty' })
  @Authorize('virtual_keys.delete', 'query:workspace_id')
  @Audited('virtual_keys', 'delete', 'slug')
  remove(@Param('slug') slug: string, @Query() query: ProviderWorkspaceQuery, @Caller() caller: RequestContext) {
    return this.edge.command(VirtualKeysSubjects.delete, { ref: slug, workspace_id: query.workspace_id }, caller);
  }
}
