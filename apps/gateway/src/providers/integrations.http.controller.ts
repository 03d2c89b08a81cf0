import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  CreateIntegrationBody,
  DeleteIntegrationModelsBody,
  DeleteIntegrationModelsQuery,
  IntegrationsSubjects,
  ListIntegrationsQuery,
  UpdateIntegrationBody,
  UpdateIntegrationModelsBody,
  UpdateIntegrationWorkspacesBody,
  type CreatedRef,
  type IntegrationModelsView,
  type IntegrationView,
  type IntegrationWorkspacesView,
  type ListResponse,
  type RequestContext,
} from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, AuthorizedByService } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/**
 * /v1/integrations (reference §2.7). Which scope a call needs depends on the integration's kind
 * (`organisation_integrations.*` or `workspace_integrations.*`), known only once it is loaded,
 * so the keys service applies the policy engine. Paths accept the slug or the id.
 */
@Controller('v1/integrations')
export class IntegrationsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @Doc({ summary: 'Create an integration', response: 'CreatedIntegration', scopes: ['organisation_integrations.create', 'workspace_integrations.create'], description: 'With `workspace_id` it is workspace-scoped.' })
  @HttpCode(200)
  @AuthorizedByService()
  @Audited('integrations', 'create')
  create(@Body() body: CreateIntegrationBody, @Caller() caller: RequestContext): Promise<CreatedRef> {
    return this.edge.command(IntegrationsSubjects.create, body, caller);
  }

  @Get()
  @Doc({ summary: 'List integrations', response: 'IntegrationList', scopes: ['organisation_integrations.list', 'workspace_integrations.list'] })
  @AuthorizedByService()
  list(@Query() query: ListIntegrationsQuery, @Caller() caller: RequestContext): Promise<ListResponse<IntegrationView>> {
    return this.edge.query(IntegrationsSubjects.list, query, caller);
  }

  @Get(':slug')
  @Doc({ summary: 'Get an integration', response: 'Integration', scopes: ['organisation_integrations.read', 'workspace_integrations.read'] })
  @AuthorizedByService()
  get(@Param('slug') slug: string, @Caller() caller: RequestContext): Promise<IntegrationView> {
    return this.edge.query(IntegrationsSubjects.get, { ref: slug }, caller);
  }

  @Put(':slug')
  @Doc({ summary: 'Update an integration', response: 'Empty', scopes: ['organisation_integrations.update', 'workspace_integrations.update'] })
  @AuthorizedByService()
  @Audited('integrations', 'update', 'slug')
  update(@Param('slug') slug: string, @Body() changes: UpdateIntegrationBody, @Caller() caller: RequestContext) {
    return this.edge.command(IntegrationsSubjects.update, { ref: slug, changes }, caller);
  }

  @Delete(':slug')
  @Doc({ summary: 'Delete an integration', response: 'Empty', scopes: ['organisation_integrations.delete', 'workspace_integrations.delete'] })
  @AuthorizedByService()
  @Audited('integrations', 'delete', 'slug')
  remove(@Param('slug') slug: string, @Caller() caller: RequestContext) {
    return this.edge.command(IntegrationsSubjects.delete, { ref: slug }, caller);
  }

  @Get(':slug/models')
  @Doc({ summary: "List an integration's models", response: 'IntegrationModels', scopes: ['organisation_integrations.read', 'workspace_integrations.read'] })
  @AuthorizedByService()
  models(@Param('slug') slug: string, @Caller() caller: RequestContext): Promise<IntegrationModelsView> {
    return this.edge.query(IntegrationsSubjects.getModels, { ref: slug }, caller);
  }

  @Put(':slug/models')
  @Doc({ summary: "Set an integration's models", response: 'Empty', scopes: ['organisation_integrations.update', 'workspace_integrations.update'] })
  @AuthorizedByService()
  @Audited('integrations', 'update', 'slug')
  updateModels(@Param('slug') slug: string, @Body() changes: UpdateIntegrationModelsBody, @Caller() caller: RequestContext) {
    return this.edge.command(IntegrationsSubjects.updateModels, { ref: slug, changes }, caller);
  }

  @Delete(':slug/models')
  @Doc({ summary: "Remove an integration's models", response: 'Empty', scopes: ['organisation_integrations.update', 'workspace_integrations.update'], description: "The models named in `?slugs=a,b` or the body's `models`." })
  @AuthorizedByService()
  @Audited('integrations', 'update', 'slug')
  deleteModels(@Param('slug') slug: string, @Query() query: DeleteIntegrationModelsQuery, @Body() body: DeleteIntegrationModelsBody, @Caller() caller: RequestContext) {
    return this.edge.command(IntegrationsSubjects.deleteModels, { ref: slug, slugs: query.slugs, models: body?.models }, caller);
  }

  @Get(':slug/workspaces')
  @Doc({ summary: "List an integration's workspace access", response: 'IntegrationWorkspaces', scopes: ['organisation_integrations.read'], description: 'Organisation integrations only.' })
  @AuthorizedByService()
  workspaces(@Param('slug') slug: string, @Caller() caller: RequestContext): Promise<IntegrationWorkspacesView> {
    return this.edge.query(IntegrationsSubjects.getWorkspaces, { ref: slug }, caller);
  }

  @Put(':slug/workspaces')
  @Doc({ summary: "Set an integration's workspace access", response: 'Empty', scopes: ['organisation_integrations.update'], description: 'Organisation integrations only.' })
  @AuthorizedByService()
  @Audited('integrations', 'update', 'slug')
  updateWorkspaces(@Param('slug') slug: string, @Body() changes: UpdateIntegrationWorkspacesBody, @Caller() caller: RequestContext) {
    return this.edge.command(IntegrationsSubjects.updateWorkspaces, { ref: slug, changes }, caller);
  }
}
