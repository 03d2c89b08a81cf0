import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, GuardrailRefRequest, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { guardrailDecider } from '../domain/guardrail.decider.js';
import { guardrailInUse } from '../domain/guardrail.errors.js';
import { GuardrailAccess } from '../guardrail-access.js';
import { GuardrailStreams } from '../guardrail-streams.js';
import { GuardrailUsers } from '../references/guardrail-users.js';

/** DELETE /guardrails/{uuid|slug}: refused (409 AB07, naming them) while a config or a workspace default names it. */
@Injectable()
export class DeleteGuardrailHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: GuardrailAccess,
    private readonly users: GuardrailUsers,
  ) {}

  async execute(request: GuardrailRefRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const { doc } = await this.access.authorised(request.ref, 'delete', context);
    const users = await this.users.of(doc);
    if (users.length) throw guardrailInUse(doc.slug, users);
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    const result = await handleCommand(this.store, GuardrailStreams.guardrail(doc._id), guardrailDecider, { type: 'DeleteGuardrail', guardrailId: doc._id, reason: 'deleted', at }, { metadata });
    return { data: {}, position: result.position };
  }
}
