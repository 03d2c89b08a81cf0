import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal, type AuthPrincipal } from '#libs/authz';
import type { RequestContext } from '#libs/contracts';
import type { LimitPolicyDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { assertCan, withinReach } from '../configs/workspace-scope.js';
import { policyNotFound } from './domain/limit-policy.errors.js';

export const PolicyStreams = { policy: (policyId: string) => `limitPolicy-${policyId}` };

/**
 * Finding a policy of the route's kind within what the caller can reach (else 404 AB08) and
 * applying `policies.<verb>`. Workspace keys reach only their workspace's policies.
 */
@Injectable()
export class PolicyAccess {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionHost) {}

  async authorised(kind: 'usage' | 'rate', id: string, verb: 'read' | 'update' | 'delete', context: RequestContext): Promise<{ doc: LimitPolicyDoc; principal: AuthPrincipal }> {
    const principal = authPrincipal(context);
    assertCan(principal, `policies.${verb}`, { orgId: principal.orgId, ...(principal.workspaceId ? { workspaceId: principal.workspaceId } : {}) });
    await this.projections.waitFor(context.minPosition);
    const policies = this.projections.collection<LimitPolicyDoc>('limit_policies');
    let doc = await policies.get(id);
    if (!doc) {
      await this.projections.catchUp();
      doc = await policies.get(id);
    }
    if (!doc || doc.kind !== kind || !withinReach(principal, doc.orgId, doc.workspaceId)) throw policyNotFound(id);
    assertCan(principal, `policies.${verb}`, { orgId: doc.orgId, ...(doc.workspaceId ? { workspaceId: doc.workspaceId } : {}) });
    return { doc, principal };
  }
}
