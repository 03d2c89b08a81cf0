import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, PublishRequest, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { partialDecider } from '../domain/partial.decider.js';
import { PartialLookup } from '../partial-lookup.js';

/** PUT /prompts/partials/{id}/makeDefault `{version}`: renders use that version from now on. */
@Injectable()
export class PublishPartialHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lookup: PartialLookup,
  ) {}

  async execute(request: PublishRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const partial = await this.lookup.partial(request.ref, context);
    const { metadata, at } = commandMeta(context, { workspaceId: partial.workspaceId, resourceId: partial._id });
    const command = { type: 'PublishPartialVersion' as const, partialId: partial._id, version: request.version, at };
    const result = await handleCommand(this.store, LibraryStreams.partial(partial._id), partialDecider, command, { metadata, maxRetries: 20 });
    return { data: {}, position: result.position };
  }
}
