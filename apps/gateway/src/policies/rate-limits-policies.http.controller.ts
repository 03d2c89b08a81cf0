import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import {
  CreateRateLimitsPolicyBody,
  GetPolicyQuery,
  ListPoliciesQuery,
  PoliciesSubjects,
  UpdateRateLimitsPolicyBody,
  type LimitPolicyView,
  type PolicyIdsView,
  type PolicyListView,
  type RequestContext,
} from '#libs/contracts';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, AuthorizedByService } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/**
 * /v1/policies/rate-limits (reference §2.15). The policy's workspace (or the organisation) is known
 * to the workspaces service, which applies `policies.*`.
 */
@Controller('v1/policies/rate-limits')
export class RateLimitsPoliciesHttpController {
  constructor(private readonly edge: EdgeRpc) {}

  @Post()
  @Doc({ summary: 'Create a rate-limits policy', response: 'PolicyIds', scopes: ['policies.create'] })
  @HttpCode(200)
  @AuthorizedByService()
  @Audited('policies', 'create')
  create(@Body() body: CreateRateLimitsPolicyBody, @Caller() caller: RequestContext): Promise<PolicyIdsView> {
    return this.edge.command(PoliciesSubjects.create, { kind: 'rate', payload: { ...body } }, caller);
  }

  @Get()
  @Doc({ summary: 'List rate-limits policies', response: 'RateLimitsPolicyList', scopes: ['policies.list'] })
  @AuthorizedByService()
  list(@Query() query: ListPoliciesQuery, @Caller() caller: RequestContext): Promise<PolicyListView> {
    return this.edge.query(PoliciesSubjects.list, { kind: 'rate', payload: { ...query } }, caller);
  }

  @Get(':policyId')
  @Doc({ summary: 'Get a rate-limits policy', response: 'RateLimitsPolicy', scopes: ['policies.read'] })
  @AuthorizedByService()
  get(@Param('policyId') id: string, @Query() query: GetPolicyQuery, @Caller() caller: RequestContext): Promise<LimitPolicyView> {
    return this.edge.query(PoliciesSubjects.get, { kind: 'rate', id, payload: { ...query } }, caller);
  }

  @Put(':policyId')
  @Doc({ summary: 'Update a rate-limits policy', response: 'Empty', scopes: ['policies.update'] })
  @AuthorizedByService()
  @Audited('policies', 'update', 'policyId')
  update(@Param('policyId') id: string, @Body() body: UpdateRateLimitsPolicyBody, @Caller() caller: RequestContext): Promise<Record<string, never>> {
    return this.edge.command(PoliciesSubjects.update, { kind: 'rate', id, payload: { ...body } }, caller);
  }

  @Delete(':policyId')
  @Doc({ summary: 'Archive a rate-limits policy', response: 'Empty', scopes: ['policies.delete'], description: 'A soft delete: the policy is archived and stops applying.' })
  @AuthorizedByService()
  @Audited('policies', 'delete', 'policyId')
  remove(@Param('policyId') id: string, @Caller() caller: RequestContext): Promise<Record<string, never>> {
    return this.edge.command(PoliciesSubjects.delete, { kind: 'rate', id }, caller);
  }
}
