import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { authPrincipal } from '#libs/authz';
import { schemaError, type CommandResult, type PolicyIdsView, type PolicyRpcRequest, type RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { actorOf } from '../../configs/config-access.js';
import { assertCan, denied, targetWorkspace } from '../../configs/workspace-scope.js';
import { limitPolicyDecider } from '../domain/limit-policy.decider.js';
import { PolicyStreams } from '../policy-access.js';

type Body = Record<string, any>;

/**
 * POST /policies/usage-limits and /policies/rate-limits: in a workspace (`workspace_id`, or a
 * workspace key's own) or, with an admin key naming none, for the whole organisation. The body
 * was validated at the edge by the kind's DTO.
 */
@Injectable()
export class CreatePolicyHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(request: PolicyRpcRequest, context: RequestContext): Promise<CommandResult<PolicyIdsView>> {
    const principal = authPrincipal(context);
    const body = (request.payload ?? {}) as Body;
    if (body.organisation_id && body.organisation_id !== principal.orgId) throw denied(`organisation ${body.organisation_id} is not accessible with this key`);
    await this.projections.waitFor(context.minPosition);
    const ws = await targetWorkspace(this.projections, principal, body.workspace_id);
    const workspaceId = ws?._id ?? null;
    assertCan(principal, 'policies.create', { orgId: principal.orgId, workspaceId });
    const value = request.kind === 'usage' ? Number(body.credit_limit) : Number(body.value);
    if (request.kind === 'usage' && typeof body.alert_threshold === 'number' && body.alert_threshold >= value) {
      throw schemaError({ path: 'alert_threshold', message: 'must be less than credit_limit' });
    }
    const policyId = randomUUID();
    const { metadata, at } = commandMeta(context, { workspaceId: workspaceId ?? undefined, resourceId: policyId });
    const result = await handleCommand(
      this.store,
      PolicyStreams.policy(policyId),
      limitPolicyDecider,
      {
        type: 'CreateLimitPolicy',
        policy: {
          policyId,
          kind: request.kind,
          orgId: principal.orgId,
          workspaceId,
          name: body.name ?? null,
          conditions: (body.conditions as Array<{ key: string; value: string }>).map(({ key, value: v }) => ({ key, value: v })),
          groupBy: (body.group_by as Array<{ key: string }>).map(({ key }) => ({ key })),
          type: body.type,
          value,
          unit: request.kind === 'rate' ? body.unit : null,
          alertThreshold: request.kind === 'usage' ? (body.alert_threshold ?? null) : null,
          periodicReset: request.kind === 'usage' ? (body.periodic_reset ?? null) : null,
          by: actorOf(principal),
          at,
        },
      },
      { metadata },
    );
    return { data: { id: policyId, object: request.kind === 'usage' ? 'policy_usage_limits' : 'policy_rate_limits' }, position: result.position };
  }
}
