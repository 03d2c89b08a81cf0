import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { promptDecider } from '../domain/prompt.decider.js';
import { PromptLookup } from '../prompt-lookup.js';

/** DELETE /prompts/{id}: the prompt and every version of it. */
@Injectable()
export class DeletePromptHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lookup: PromptLookup,
  ) {}

  async execute(ref: string, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const prompt = await this.lookup.prompt(ref, context);
    const { metadata, at } = commandMeta(context, { workspaceId: prompt.workspaceId, resourceId: prompt._id });
    const result = await handleCommand(this.store, LibraryStreams.prompt(prompt._id), promptDecider, { type: 'DeletePrompt', promptId: prompt._id, reason: 'api', at }, { metadata, maxRetries: 20 });
    return { data: {}, position: result.position };
  }
}
