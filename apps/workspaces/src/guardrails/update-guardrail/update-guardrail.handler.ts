import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { assertNoProblem, assertNotNull, guardrailActionsProblem, type CommandResult, type GuardrailIdsView, type RequestContext, type UpdateGuardrailRequest } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { actorOf } from '../../configs/config-access.js';
import { guardrailDecider, type GuardrailChanges } from '../domain/guardrail.decider.js';
import { GuardrailAccess } from '../guardrail-access.js';
import { GuardrailStreams } from '../guardrail-streams.js';
import { plainChecks } from '../plain-checks.js';

/**
 * PUT /guardrails/{uuid|slug}: only the fields sent change (Terraform sends just those), and a
 * real change is a new immutable version. Answers the ids and the current version id.
 */
@Injectable()
export class UpdateGuardrailHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: GuardrailAccess,
  ) {}

  async execute(request: UpdateGuardrailRequest, context: RequestContext): Promise<CommandResult<GuardrailIdsView>> {
    assertNotNull(request.changes as Record<string, unknown>, ['name', 'checks', 'actions']);
    const { doc, principal } = await this.access.authorised(request.ref, 'update', context);
    const { name, checks, actions } = request.changes;
    if (actions !== undefined) assertNoProblem(guardrailActionsProblem(actions));
    const changes: GuardrailChanges = {
      ...(name !== undefined ? { name } : {}),
      ...(checks !== undefined ? { checks: plainChecks(checks) } : {}),
      ...(actions !== undefined ? { actions } : {}),
    };
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    const result = await handleCommand(
      this.store,
      GuardrailStreams.guardrail(doc._id),
      guardrailDecider,
      { type: 'UpdateGuardrail', guardrailId: doc._id, changes, versionId: randomUUID(), by: actorOf(principal), at },
      { metadata, maxRetries: 10 },
    );
    return { data: { id: doc._id, slug: doc.slug, version_id: result.state.current!.versionId }, position: result.position };
  }
}
