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
import { Doc } from '../openapi/doc.decorator.js';

/**
 * /v1/collections (reference §2.9), under the `prompts.*` scopes. Path routes find the collection
 * in the service, which answers 404 for what lies outside the caller's reach.
 */
@Controller('v1/collections')
export class CollectionsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @Doc({ summary: 'Create a collection', response: 'CreatedCollection' })
  @HttpCode(200)
  @Authorize('prompts.create', 'body:workspace_id')
  @Audited('collections', 'create')
  create(@Body() body: CreateCollectionBody, @Caller() caller: RequestContext): Promise<{ id: string; slug: string }> {
    return this.edge.command(CollectionsSubjects.create, body, caller);
  }

  @Get()
  @Doc({ summary: 'List collections', response: 'CollectionList' })
  @Authorize('prompts.list', 'query:workspace_id')
  list(@Query() query: ListCollectionsQuery, @Caller() caller: RequestContext): Promise<ListResponse<CollectionView>> {
    return this.edge.query(CollectionsSubjects.list, query, caller);
  }

  @Get(':id')
  @Doc({ summary: 'Get a collection (with its child collections)', response: 'Collection' })
  @Authorize('prompts.read')
  get(@Param('id') ref: string, @Caller() caller: RequestContext): Promise<CollectionView> {
    return this.edge.query(CollectionsSubjects.get, { ref }, caller);
  }

  @Put(':id')
  @Doc({ summary: 'Rename a collection', response: 'Empty' })
  @Authorize('prompts.update')
  @Audited('collections', 'update', 'id')
  update(@Param('id') ref: string, @Body() body: UpdateCollectionBody, @Caller() caller: RequestContext) {
    return this.edge.command(CollectionsSubjects.update, { ref, body }, caller);
  }

  @Delete(':id')
  @Doc({ summary: 'Delete a collection', response: 'Empty' })
  @Authorize('prompts.delete')
  @Audited('collections', 'delete', 'id')
  remove(@Param('id') ref: string, @Caller() caller: RequestContext) {
    return this.edge.command(CollectionsSubjects.delete, { ref }, caller);
  }
}
