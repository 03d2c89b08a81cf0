import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  CreateApiKeyBody,
  DomainError,
  KeysSubjects,
  keyTypeFromPath,
  ListApiKeysQuery,
  RotateApiKeyBody,
  UpdateApiKeyBody,
  type ApiKeyView,
  type CreatedApiKey,
  type ListResponse,
  type RequestContext,
  type RotatedApiKey,
} from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, AuthorizedByService } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';

/**
 * /v1/api-keys (reference §2.5). Which scope a call needs depends on the key's type, known only
 * to the keys service, so it applies the policy engine there.
 */
@Controller('v1/api-keys')
export class ApiKeysHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post(':type/:subType')
  @HttpCode(200)
  @AuthorizedByService()
  @Audited('api_keys', 'create')
  create(@Param('type') type: string, @Param('subType') subType: string, @Body() body: CreateApiKeyBody, @Caller() caller: RequestContext): Promise<CreatedApiKey> {
    const keyType = keyTypeFromPath(type, subType);
    if (!keyType) {
      throw new DomainError('KEYS.INVALID_TYPE', `unknown key type ${type}/${subType}: use organisation/service, workspace/service or workspace/user`, 400);
    }
    return this.edge.command(KeysSubjects.create, { ...body, type: keyType }, caller);
  }

  @Get()
  @AuthorizedByService()
  list(@Query() query: ListApiKeysQuery, @Caller() caller: RequestContext): Promise<ListResponse<ApiKeyView>> {
    return this.edge.query(KeysSubjects.list, query, caller);
  }

  @Get(':id')
  @AuthorizedByService()
  get(@Param('id') id: string, @Caller() caller: RequestContext): Promise<ApiKeyView> {
    return this.edge.query(KeysSubjects.get, { id }, caller);
  }

  @Put(':id')
  @AuthorizedByService()
  @Audited('api_keys', 'update', 'id')
  update(@Param('id') id: string, @Body() changes: UpdateApiKeyBody, @Caller() caller: RequestContext) {
    return this.edge.command(KeysSubjects.update, { id, changes }, caller);
  }

  @Delete(':id')
  @AuthorizedByService()
  @Audited('api_keys', 'delete', 'id')
  remove(@Param('id') id: string, @Caller() caller: RequestContext) {
    return this.edge.command(KeysSubjects.delete, { id }, caller);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @AuthorizedByService()
  @Audited('api_keys', 'rotate', 'id')
  rotate(@Param('id') id: string, @Body() body: RotateApiKeyBody, @Caller() caller: RequestContext): Promise<RotatedApiKey> {
    return this.edge.command<RotatedApiKey>(KeysSubjects.rotate, { id, ...body }, caller);
  }
}
