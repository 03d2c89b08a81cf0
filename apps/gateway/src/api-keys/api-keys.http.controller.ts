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
import { Doc } from '../openapi/doc.decorator.js';

/**
 * /v1/api-keys (reference §2.5). Which scope a call needs depends on the key's type, known only
 * to the keys service, so it applies the policy engine there.
 */
@Controller('v1/api-keys')
export class ApiKeysHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post(':type/:subType')
  @Doc({ summary: 'Create an API key', response: 'CreatedApiKey', scopes: ['organisation_service_api_keys.create', 'workspace_service_api_keys.create', 'workspace_user_api_keys.create'], description: 'type/sub-type: organisation/service, workspace/service or workspace/user.' })
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
  @Doc({ summary: 'List API keys', response: 'ApiKeyList', scopes: ['organisation_service_api_keys.list', 'workspace_service_api_keys.list', 'workspace_user_api_keys.list'] })
  @AuthorizedByService()
  list(@Query() query: ListApiKeysQuery, @Caller() caller: RequestContext): Promise<ListResponse<ApiKeyView>> {
    return this.edge.query(KeysSubjects.list, query, caller);
  }

  @Get(':id')
  @Doc({ summary: 'Get an API key', response: 'ApiKey', scopes: ['organisation_service_api_keys.read', 'workspace_service_api_keys.read', 'workspace_user_api_keys.read'] })
  @AuthorizedByService()
  get(@Param('id') id: string, @Caller() caller: RequestContext): Promise<ApiKeyView> {
    return this.edge.query(KeysSubjects.get, { id }, caller);
  }

  @Put(':id')
  @Doc({ summary: 'Update an API key', response: 'Empty', scopes: ['organisation_service_api_keys.update', 'workspace_service_api_keys.update', 'workspace_user_api_keys.update'], description: '`reset_usage: true` resets usage once; it is not stored.' })
  @AuthorizedByService()
  @Audited('api_keys', 'update', 'id')
  update(@Param('id') id: string, @Body() changes: UpdateApiKeyBody, @Caller() caller: RequestContext) {
    return this.edge.command(KeysSubjects.update, { id, changes }, caller);
  }

  @Delete(':id')
  @Doc({ summary: 'Delete an API key', response: 'Empty', scopes: ['organisation_service_api_keys.delete', 'workspace_service_api_keys.delete', 'workspace_user_api_keys.delete'] })
  @AuthorizedByService()
  @Audited('api_keys', 'delete', 'id')
  remove(@Param('id') id: string, @Caller() caller: RequestContext) {
    return this.edge.command(KeysSubjects.delete, { id }, caller);
  }

  @Post(':id/rotate')
  @Doc({ summary: 'Rotate an API key', response: 'RotatedApiKey', scopes: ['organisation_service_api_keys.rotate', 'workspace_service_api_keys.rotate', 'workspace_user_api_keys.rotate'], description: 'The previous secret stays valid until key_transition_expires_at.' })
  @HttpCode(200)
  @AuthorizedByService()
  @Audited('api_keys', 'rotate', 'id')
  rotate(@Param('id') id: string, @Body() body: RotateApiKeyBody, @Caller() caller: RequestContext): Promise<RotatedApiKey> {
    return this.edge.command<RotatedApiKey>(KeysSubjects.rotate, { id, ...body }, caller);
  }
}
