import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { CollectionsSubjects, CreateCollectionBody, LibraryRefRequest, ListCollectionsQuery, UpdateCollectionRequest, type RequestContext } from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { CreateCollectionHandler } from './create-collection/create-collection.handler.js';
import { DeleteCollectionHandler } from './delete-collection/delete-collection.handler.js';
import { GetCollectionHandler } from './get-collection/get-collection.handler.js';
import { ListCollectionsHandler } from './list-collections/list-collections.handler.js';
import { UpdateCollectionHandler } from './update-collection/update-collection.handler.js';

@Controller()
export class CollectionsMessageController {
  constructor(
    private readonly createCollection: CreateCollectionHandler,
    private readonly listCollections: ListCollectionsHandler,
    private readonly getCollection: GetCollectionHandler,
    private readonly updateCollection: UpdateCollectionHandler,
    private readonly deleteCollection: DeleteCollectionHandler,
  ) {}

  @MessagePattern(CollectionsSubjects.create)
  create(@RpcPayload() body: CreateCollectionBody, @RpcCaller() caller: RequestContext) {
    return this.createCollection.execute(body, caller);
  }

  @MessagePattern(CollectionsSubjects.list)
  list(@RpcPayload() query: ListCollectionsQuery, @RpcCaller() caller: RequestContext) {
    return this.listCollections.execute(query, caller);
  }

  @MessagePattern(CollectionsSubjects.get)
  get(@RpcPayload() request: LibraryRefRequest, @RpcCaller() caller: RequestContext) {
    return this.getCollection.execute(request.ref, caller);
  }

  @MessagePattern(CollectionsSubjects.update)
  update(@RpcPayload() request: UpdateCollectionRequest, @RpcCaller() caller: RequestContext) {
    return this.updateCollection.execute(request, caller);
  }

  @MessagePattern(CollectionsSubjects.delete)
  delete(@RpcPayload() request: LibraryRefRequest, @RpcCaller() caller: RequestContext) {
    return this.deleteCollection.execute(request.ref, caller);
  }
}
