import { Body, Controller, Delete, Get, HttpCode, Inject, Optional, Param, Post, Put, Query } from '@nestjs/common';
import {
  CreateUsageLimitsPolicyBody,
  GetPolicyQuery,
  ListPoliciesQuery,
  PoliciesSubjects,
  UpdateUsageLimitsPolicyBody,
  type LimitPolicyView,
  type PolicyIdsView,
  type PolicyListView,
  type RequestContext,
} from '#libs/contracts';
import type { PortcullisConfig } from '#libs/config';
import { LimitsService } from '#libs/limits';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { GATEWAY_CONFIG } from '../gateway.config.js';
import { Audited, AuthorizedByService } from '../auth/route-policy.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/**
 * /v1/policies/usage-limits (reference §2.15). The policy's workspace (or the organisation) is known
 * to the workspaces service, which applies `policies.*`.
 */
@Controller('v1/policies/usage-limits')
export class UsageLimitsPoliciesHttpController {
  constructor(
    private readonly edge: EdgeRpc,
    @Inject(GATEWAY_CONFIG) private readonly config: PortcullisConfig,
    @Optional() private readonly limits?: LimitsService,
  ) {}

  @Post()
  @Doc({ summary: 'Create a usage-limits policy', response: 'PolicyIds', scopes: ['policies.create'] })
  @HttpCode(200)
  @AuthorizedByService()
  @Audited('policies', 'create')
  create(@Body() body: CreateUsageLimitsPolicyBody, @Caller() caller: RequestContext): Promise<PolicyIdsView> {
    return this.edge.command(PoliciesSubjects.create, { kind: 'usage', payload: { ...body } }, caller);
  }

  @Get()
  @Doc({ summary: 'List usage-limits policies', response: 'UsageLimitsPolicyList', scopes: ['policies.list'] })
  @AuthorizedByService()
  list(@Query() query: ListPoliciesQuery, @Caller() caller: RequestContext): Promise<PolicyListView> {
    return this.edge.query(PoliciesSubjects.list, { kind: 'usage', payload: { ...query } }, caller);
  }

  @Get(':policyId')
  @Doc({ summary: 'Get a usage-limits policy', response: 'UsageLimitsPolicy', scopes: ['policies.read'] })
  @AuthorizedByService()
  async get(@Param('policyId') id: string, @Query() query: GetPolicyQuery, @Caller() caller: RequestContext): Promise<LimitPolicyView> {
    const view = await this.edge.query<LimitPolicyView>(PoliciesSubjects.get, { kind: 'usage', id, payload: { ...query } }, caller);
    // Usage is in the data plane's counters, which this gateway reads (the workspaces service has none).
    if (query.include_usage && 'value_key_usage_map' in view) {
      const entities = (await this.limits?.entities(id, this.config.clock())) ?? [];
      view.value_key_usage_map = Object.fromEntries(entities.map((e) => [e.value_key, { current_usage: e.current_usage, status: e.status, is_threshold_alerts_sent: e.is_threshold_alerts_sent, is_exhausted_alerts_sent: e.is_exhausted_alerts_sent }]));
    }
    return view;
  }

  @Put(':policyId')
  @Doc({ summary: 'Update a usage-limits policy', response: 'Empty', scopes: ['policies.update'] })
  @AuthorizedByService()
  @Audited('policies', 'update', 'policyId')
  update(@Param('policyId') id: string, @Body() body: UpdateUsageLimitsPolicyBody, @Caller() caller: RequestContext): Promise<Record<string, never>> {
    return this.edge.command(PoliciesSubjects.update, { kind: 'usage', id, payload: { ...body } }, caller);
  }

  @Delete(':policyId')
  @Doc({ summary: 'Archive a usage-limits policy', response: 'Empty', scopes: ['policies.delete'], description: 'A soft delete: the policy is archived and stops applying.' })
  @AuthorizedByService()
  @Audited('policies', 'delete', 'policyId')
  remove(@Param('policyId') id: string, @Caller() caller: RequestContext): Promise<Record<string, never>> {
    return this.edge.command(PoliciesSubjects.delete, { kind: 'usage', id }, caller);
  }
}
