import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal } from '#libs/authz';
import { pageOf, type PolicyListView, type PolicyRpcRequest, type RequestContext } from '#libs/contracts';
import { toLimitPolicyView, type LimitPolicyDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { assertCan, targetWorkspace } from '../../configs/workspace-scope.js';

/**
 * GET /policies/{usage,rate}-limits: one workspace's policies (`workspace_id`, or a workspace
 * key's own), or with an admin key naming none every policy of the organisation; `status`
 * defaults to active; `type` and `unit` filter.
 */
@Injectable()
export class ListPoliciesHandler {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionHost) {}

  async execute(request: PolicyRpcRequest, context: RequestContext): Promise<PolicyListView> {
    const principal = authPrincipal(context);
    const query = (request.payload ?? {}) as { workspace_id?: string; status?: string; type?: string; unit?: string; page_size?: number; current_page?: number };
    await this.projections.waitFor(context.minPosition);
    const ws = await targetWorkspace(this.projections, principal, query.workspace_id);
    assertCan(principal, 'policies.list', { orgId: principal.orgId, workspaceId: ws?._id ?? null });
    const { skip, limit } = pageOf(query.page_size, query.current_page);
    const where = { ...(query.type ? { type: query.type } : {}), ...(query.unit && request.kind === 'rate' ? { unit: query.unit } : {}) };
    const eq = { orgId: principal.orgId, kind: request.kind, status: query.status ?? 'active' };
    const policies = this.projections.collection<LimitPolicyDoc>('limit_policies');
    const page = ws
      ? await policies.find('byWorkspace', { eq: { ...eq, workspaceId: ws._id }, where, skip, limit })
      : await policies.find('byOrg', { eq, where, skip, limit });
    return { object: 'list', total: page.total, data: page.docs.map((d) => toLimitPolicyView(d)) };
  }
}
