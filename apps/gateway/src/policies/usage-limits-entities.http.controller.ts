import { Controller, Get, Inject, Optional, Param, Put, Query } from '@nestjs/common';
import {
  DEFAULT_PAGE_SIZE,
  DomainError,
  ListPolicyEntitiesQuery,
  PoliciesSubjects,
  type LimitPolicyView,
  type PolicyEntityListView,
  type PolicyEntityView,
  type RequestContext,
} from '#libs/contracts';
import type { PortcullisConfig } from '#libs/config';
import { LimitsService } from '#libs/limits';
import { EdgeRpc } from '../auth/edge-rpc.js';
import { Audited, AuthorizedByService } from '../auth/route-policy.js';
import { GATEWAY_CONFIG } from '../gateway.config.js';
import { Caller } from '../http/request-context.js';
import { Doc } from '../openapi/doc.decorator.js';

/**
 * The entities of a usage-limits policy (its group values) and their usage. Usage lives in the data
 * plane's counters (JetStream KV), which this gateway reads directly; the workspaces service still
 * decides who may see the policy (the `policies.get` call below is the authorisation and the 404).
 */
@Controller('v1/policies/usage-limits/:policyId')
export class UsageLimitsEntitiesHttpController {
  constructor(
    private readonly edge: EdgeRpc,
    @Inject(GATEWAY_CONFIG) private readonly config: PortcullisConfig,
    @Optional() private readonly limits?: LimitsService,
  ) {}

  @Get('entities')
  @Doc({ summary: 'List the entities of a usage-limits policy', response: 'PolicyEntityList', scopes: ['policies.read'], description: 'One entity per group value seen by the data plane, with its usage in the current period.' })
  @AuthorizedByService()
  async list(@Param('policyId') id: string, @Query() query: ListPolicyEntitiesQuery, @Caller() caller: RequestContext): Promise<PolicyEntityListView> {
    const all = await this.entities(id, caller);
    const needle = query.search?.toLowerCase();
    const matching = all
      .filter((e) => (!query.status || e.status === query.status) && (!needle || e.value_key.toLowerCase().includes(needle)))
      .sort((a, b) => b.current_usage - a.current_usage || (a.value_key < b.value_key ? -1 : a.value_key > b.value_key ? 1 : 0));
    const size = query.page_size ?? DEFAULT_PAGE_SIZE;
    const page = query.current_page ?? 0;
    return { object: 'list', total: matching.length, data: matching.slice(page * size, (page + 1) * size) };
  }

  @Put('entities/:entityId/reset')
  @Doc({ summary: "Reset one entity's usage", response: 'Empty', scopes: ['policies.update'], description: 'Same as PUT /policies/usage-limits/{id} with reset_usage_for_value set to the entity\'s value key.' })
  @AuthorizedByService()
  @Audited('policies', 'update', 'policyId')
  async reset(@Param('policyId') id: string, @Param('entityId') entityId: string, @Caller() caller: RequestContext): Promise<Record<string, never>> {
    const entity = (await this.entities(id, caller)).find((e) => e.id === entityId);
    if (!entity) throw new DomainError('POLICIES.ENTITY_NOT_FOUND', `entity ${entityId} of usage-limits policy ${id} was not found`, 404, { errorCode: 'AB08' });
    return this.edge.command(PoliciesSubjects.update, { kind: 'usage', id, payload: { reset_usage_for_value: entity.value_key } }, caller);
  }

  /** Authorises through the workspaces service (404/403 as for GET of the policy), then reads the counters. */
  private async entities(id: string, caller: RequestContext): Promise<PolicyEntityView[]> {
    await this.edge.query<LimitPolicyView>(PoliciesSubjects.get, { kind: 'usage', id, payload: {} }, caller);
    return (await this.limits?.entities(id, this.config.clock())) ?? [];
  }
}
