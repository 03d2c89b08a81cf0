import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { partialDecider } from '../domain/partial.decider.js';
import { PartialLookup } from '../partial-lookup.js';

/**
 * DELETE /prompts/partials/{id}. Templates that include it are not searched: rendering one
 * afterwards answers 400 naming the missing partial.
 */
@Injectable()
export class DeletePartialHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lookup: PartialLookup,
  ) {}

  async execute(ref: string, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const partial = await this.lookup.partial(ref, context);
    const { metadata, at } = commandMeta(context, { workspaceId: partial.workspaceId, resourceId: partial._id });
    const result = await handleCommand(this.store, LibraryStreams.partial(partial._id), partialDecider, { type: 'DeletePartial', partialId: partial._id, reason: 'api', at }, { metadata, maxRetries: 20 });
    return { data: {}, position: result.position };
  }
}
