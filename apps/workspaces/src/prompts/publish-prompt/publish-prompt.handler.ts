import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, PublishRequest, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { promptDecider } from '../domain/prompt.decider.js';
import { PromptLookup } from '../prompt-lookup.js';

/** PUT /prompts/{id}/makeDefault `{version}`: publishing; reads and renders serve that version from now on. */
@Injectable()
export class PublishPromptHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lookup: PromptLookup,
  ) {}

  async execute(request: PublishRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const prompt = await this.lookup.prompt(request.ref, context);
    const { metadata, at } = commandMeta(context, { workspaceId: prompt.workspaceId, resourceId: prompt._id });
    const command = { type: 'PublishVersion' as const, promptId: prompt._id, version: request.version, at };
    const result = await handleCommand(this.store, LibraryStreams.prompt(prompt._id), promptDecider, command, { metadata, maxRetries: 20 });
    return { data: {}, position: result.position };
  }
}
