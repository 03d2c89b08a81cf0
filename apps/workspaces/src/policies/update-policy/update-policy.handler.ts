import { Inject, Injectable } from '@nestjs/common';
import { schemaError, type CommandResult, type PolicyRpcRequest, type RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { limitPolicyDecider, type LimitPolicyChanges } from '../domain/limit-policy.decider.js';
import { PolicyAccess, PolicyStreams } from '../policy-access.js';

/**
 * PUT /policies/usage-limits/{id} (`name, credit_limit, alert_threshold, periodic_reset,
 * reset_usage_for_value, status`) and /policies/rate-limits/{id} (`name, unit, value, status`):
 * only the fields sent change. Answers `{}`.
 */
@Injectable()
export class UpdatePolicyHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: PolicyAccess,
  ) {}

  async execute(request: PolicyRpcRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const { doc } = await this.access.authorised(request.kind, request.id!, 'update', context);
    const b = (request.payload ?? {}) as Record<string, any>;
    const changes: LimitPolicyChanges = {
      ...(b.name !== undefined ? { name: b.name } : {}),
      ...(b.status !== undefined ? { status: b.status } : {}),
      ...(request.kind === 'usage'
        ? {
            ...(b.credit_limit !== undefined ? { value: Number(b.credit_limit) } : {}),
            ...(b.alert_threshold !== undefined ? { alertThreshold: b.alert_threshold } : {}),
            ...(b.periodic_reset !== undefined ? { periodicReset: b.periodic_reset } : {}),
          }
        : {
            ...(b.value !== undefined ? { value: Number(b.value) } : {}),
            ...(b.unit !== undefined ? { unit: b.unit } : {}),
          }),
    };
    const limit = changes.value ?? doc.value;
    const threshold = changes.alertThreshold !== undefined ? changes.alertThreshold : doc.alertThreshold;
    if (request.kind === 'usage' && typeof threshold === 'number' && threshold >= limit) throw schemaError({ path: 'alert_threshold', message: 'must be less than credit_limit' });
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId ?? undefined, resourceId: doc._id });
    const result = await handleCommand(
      this.store,
      PolicyStreams.policy(doc._id),
      limitPolicyDecider,
      { type: 'UpdateLimitPolicy', policyId: doc._id, changes, resetValueKey: request.kind === 'usage' ? (b.reset_usage_for_value ?? null) : null, at },
      { metadata, maxRetries: 10 },
    );
    return { data: {}, position: result.position };
  }
}
