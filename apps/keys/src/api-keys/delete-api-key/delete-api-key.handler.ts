import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { Streams } from '../../streams.js';
import { apiKeyDecider } from '../domain/api-key.decider.js';
import { KeyAccess } from '../key-access.js';

/** DELETE /api-keys/{id}: the key (and any secret still in transition) stops working at once. */
@Injectable()
export class DeleteApiKeyHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: KeyAccess,
  ) {}

  async execute(keyId: string, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const { state } = await this.access.authorised(keyId, 'delete', context);
    const { metadata, at } = commandMeta(context, { workspaceId: state.key!.workspaceId });
    const result = await handleCommand(this.store, Streams.apiKey(keyId), apiKeyDecider, { type: 'DeleteApiKey', keyId, reason: 'deleted', at }, { metadata });
    return { data: {}, position: result.position };
  }
}
