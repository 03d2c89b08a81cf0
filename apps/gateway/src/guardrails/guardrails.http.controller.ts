import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  assertNoProblem,
  CreateGuardrailBody,
  GetGuardrailQuery,
  guardrailActionsProblem,
  GuardrailsSubjects,
  ListGuardrailsQuery,
  UpdateGuardrailBody,
  type GuardrailIdsView,
  type GuardrailListView,
  type GuardrailView,
  type ListResponse,
  type RequestContext,
} from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, AuthorizedByService } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/**
 * /v1/guardrails (reference §2.10). Whether a call needs `guardrails.*` or
 * `organisation_guardrails.*` depends on the guardrail's level (a workspace, or the organisation),
 * known to the workspaces service, which applies the policy engine.
 */
@Controller('v1/guardrails')
export class GuardrailsHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @Doc({ summary: 'Create a guardrail', response: 'GuardrailIds', scopes: ['guardrails.create', 'organisation_guardrails.create'], description: "In a workspace (`workspace_id`, or the key's own), or, with an admin key and `organisation_id`, at the organisation level." })
  @HttpCode(200)
  @AuthorizedByService()
  @Audited('guardrails', 'create')
  create(@Body() body: CreateGuardrailBody, @Caller() caller: RequestContext): Promise<GuardrailIdsView> {
    assertNoProblem(guardrailActionsProblem(body.actions));
    return this.edge.command(GuardrailsSubjects.create, body, caller);
  }

  @Get()
  @Doc({ summary: 'List guardrails', response: 'GuardrailList', scopes: ['guardrails.list', 'organisation_guardrails.list'] })
  @AuthorizedByService()
  list(@Query() query: ListGuardrailsQuery, @Caller() caller: RequestContext): Promise<GuardrailListView> {
    return this.edge.query(GuardrailsSubjects.list, query, caller);
  }

  @Get(':guardrailId')
  @Doc({ summary: 'Get a guardrail', response: 'Guardrail', scopes: ['guardrails.read', 'organisation_guardrails.read'], description: 'By slug or id. `?version=N` selects a version.' })
  @AuthorizedByService()
  get(@Param('guardrailId') ref: string, @Query() query: GetGuardrailQuery, @Caller() caller: RequestContext): Promise<GuardrailView> {
    return this.edge.query(GuardrailsSubjects.get, { ref, ...query }, caller);
  }

  @Get(':guardrailId/versions')
  @Doc({ summary: "List a guardrail's versions (ours)", response: 'GuardrailVersionList', scopes: ['guardrails.read', 'organisation_guardrails.read'] })
  @AuthorizedByService()
  versions(@Param('guardrailId') ref: string, @Query() query: ListGuardrailsQuery, @Caller() caller: RequestContext): Promise<ListResponse<GuardrailView>> {
    return this.edge.query(GuardrailsSubjects.versions, { ref, query: { page_size: query.page_size, current_page: query.current_page } }, caller);
  }

  @Put(':guardrailId')
  @Doc({ summary: 'Update a guardrail', response: 'GuardrailIds', scopes: ['guardrails.update', 'organisation_guardrails.update'], description: 'Makes a new version.' })
  @AuthorizedByService()
  @Audited('guardrails', 'update', 'guardrailId')
  update(@Param('guardrailId') ref: string, @Body() changes: UpdateGuardrailBody, @Caller() caller: RequestContext): Promise<GuardrailIdsView> {
    if (changes.actions !== undefined) assertNoProblem(guardrailActionsProblem(changes.actions));
    return this.edge.command(GuardrailsSubjects.update, { ref, changes }, caller);
  }

  @Delete(':guardrailId')
  @Doc({ summary: 'Delete a guardrail', response: 'Empty', scopes: ['guardrails.delete', 'organisation_guardrails.delete'] })
  @AuthorizedByService()
  @Audited('guardrails', 'delete', 'guardrailId')
  remove(@Param('guardrailId') ref: string, @Caller() caller: RequestContext): Promise<Record<string, never>> {
    return this.edge.command(GuardrailsSubjects.delete, { ref }, caller);
  }
}
