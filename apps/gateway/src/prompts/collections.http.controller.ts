import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  CollectionsSubjects,
  CreateCollectionBody,
  ListCollectionsQuery,
  UpdateCollectionBody,
  type CollectionView,
  type ListResponse,
  type RequestContext,
} from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, Authorize } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';

/**
 * /v1/collections (reference §2.9), under the `prompts.*` scopes. Path routes find the collection
 * in the service, which answers 404 for what lies outside the caller's reach.
 */
@Controller('v1/collections')
export class CollectionsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @HttpCode(200)
  @Authorize('prompts.create', 'body:workspace_id')
  @Audited('collections', 'create')
  create(@Body() body: CreateCollectionBody, @Caller() caller: RequestContext): Promise<{ id: string; slug: string }> {
    return this.edge.command(CollectionsSubjects.create, body, caller);
  }

  @Get()
  @Authorize('prompts.list', 'query:workspace_id')
  list(@Query() query: ListCollectionsQuery, @Caller() caller: RequestContext): Promise<ListResponse<CollectionView>> {
    return this.edge.query(CollectionsSubjects.list, query, caller);
  }

  @Get(':id')
  @Authorize('prompts.read')
  get(@Param('id') ref: string, @Caller() caller: RequestContext): Promise<CollectionView> {
    return this.edge.query(CollectionsSubjects.get, { ref }, caller);
  }

  @Put(':id')
  @Authorize('prompts.update')
  @Audited('collections', 'update', 'id')
  update(@Param('id') ref: string, @Body() body: UpdateCollectionBody, @Caller() caller: RequestContext) {
    return this.edge.command(CollectionsSubjects.update, { ref, body }, caller);
  }

  @Delete(':id')
  @Authorize('prompts.delete')
  @Audited('collections', 'delete', 'id')
  remove(@Param('id') ref: string, @Caller() caller: RequestContext) {
    return this.edge.command(CollectionsSubjects.delete, { ref }, caller);
  }
}
