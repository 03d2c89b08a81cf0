import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import {
  ApiKeyRef,
  CreateApiKeyRequest,
  CreateForInviteRequest,
  EnsureMasterKeyRequest,
  KeysSubjects,
  ListApiKeysQuery,
  RevokeForUserRequest,
  RotateApiKeyRequest,
  UpdateApiKeyRequest,
  VerifyApiKeyRequest,
  type RequestContext,
  ReferenceSubjects,
  RefUsersQuery,
} from '#libs/contracts';
import { RpcCaller, RpcPayload } from '#libs/messaging';
import { CreateApiKeyHandler } from './create-api-key/create-api-key.handler.js';
import { DeleteApiKeyHandler } from './delete-api-key/delete-api-key.handler.js';
import { GetApiKeyHandler } from './get-api-key/get-api-key.handler.js';
import { InternalKeysHandler } from './internal/internal-keys.handler.js';
import { ListApiKeysHandler } from './list-api-keys/list-api-keys.handler.js';
import { RotateApiKeyHandler } from './rotate-api-key/rotate-api-key.handler.js';
import { UpdateApiKeyHandler } from './update-api-key/update-api-key.handler.js';
import { VerifyApiKeyHandler } from './verify-api-key/verify-api-key.handler.js';


@Controller()
export class ApiKeysMessageController {
  constructor(
    private readonly createKey: CreateApiKeyHandler,
    private readonly listKeys: ListApiKeysHandler,
    private readonly getKey: GetApiKeyHandler,
    private readonly updateKey: UpdateApiKeyHandler,
    private readonly deleteKey: DeleteApiKeyHandler,
    private readonly rotateKey: RotateApiKeyHandler,
    private readonly verifyKey: VerifyApiKeyHandler,
    private readonly internal: InternalKeysHandler,
  ) {}

  @MessagePattern(KeysSubjects.create)
  create(@RpcPayload() request: CreateApiKeyRequest, @RpcCaller() caller: RequestContext) {
    return this.createKey.execute(request, caller);
  }

  @MessagePattern(KeysSubjects.list)
  list(@RpcPayload() query: ListApiKeysQuery, @RpcCaller() caller: RequestContext) {
    return this.listKeys.execute(query, caller);
  }

  @MessagePattern(KeysSubjects.get)
  get(@RpcPayload() ref: ApiKeyRef, @RpcCaller() caller: RequestContext) {
    return this.getKey.execute(ref.id, caller);
  }

  @MessagePattern(KeysSubjects.update)
  update(@RpcPayload() request: UpdateApiKeyRequest, @RpcCaller() caller: RequestContext) {
    return this.updateKey.execute(request, caller);
  }

  @MessagePattern(KeysSubjects.delete)
  delete(@RpcPayload() ref: ApiKeyRef, @RpcCaller() caller: RequestContext) {
    return this.deleteKey.execute(ref.id, caller);
  }

  @MessagePattern(KeysSubjects.rotate)
  rotate(@RpcPayload() request: RotateApiKeyRequest, @RpcCaller() caller: RequestContext) {
    return this.rotateKey.execute(request, caller);
  }

  @MessagePattern(KeysSubjects.verify)
  verify(@RpcPayload() request: VerifyApiKeyRequest, @RpcCaller() caller: RequestContext) {
    return this.verifyKey.execute(request.key, caller);
  }

  @MessagePattern(KeysSubjects.revokeForUser)
  revokeForUser(@RpcPayload() request: RevokeForUserRequest, @RpcCaller() caller: RequestContext) {
    return this.internal.revokeForUser(request, caller);
  }

  @MessagePattern(KeysSubjects.createForInvite)
  createForInvite(@RpcPayload() request: CreateForInviteRequest, @RpcCaller() caller: RequestContext) {
    return this.internal.createForInvite(request, caller);
  }

  @MessagePattern(KeysSubjects.ensureMasterKey)
  ensureMasterKey(@RpcPayload() request: EnsureMasterKeyRequest, @RpcCaller() caller: RequestContext) {
    return this.internal.ensureMasterKey(request, caller);
  }

  @MessagePattern(ReferenceSubjects.keysUsingConfig)
  keysUsingConfig(@RpcPayload() request: RefUsersQuery) {
    return this.internal.keysUsingConfig(request);
  }
}
