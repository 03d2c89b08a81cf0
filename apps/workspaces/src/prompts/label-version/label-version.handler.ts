import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, LabelVersionRequest, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import type { LabelDoc } from '#libs/projections';
import { invalidField } from '../../prompt-library/library.errors.js';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { promptDecider } from '../domain/prompt.decider.js';
import { PromptLookup } from '../prompt-lookup.js';

/**
 * PUT /prompts/{id}/versions/{versionId} `{label_id}`: the one thing a version lets change. The
 * label must be the organisation's or the prompt's workspace's; `null` takes it off.
 */
@Injectable()
export class LabelVersionHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lookup: PromptLookup,
    private readonly access: LibraryAccess,
  ) {}

  async execute(request: LabelVersionRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const prompt = await this.lookup.prompt(request.ref, context);
    const version = await this.lookup.versionByRef(prompt, request.versionId);
    const labelRef = request.body.label_id;
    if (labelRef === undefined) return { data: {}, position: 0 };
    let labelId: string | null = null;
    if (labelRef !== null) {
      const label = await this.access.find<LabelDoc>('prompt_labels', labelRef, context, { slugs: false });
      if (!label || (label.workspaceId !== null && label.workspaceId !== prompt.workspaceId)) {
        throw invalidField('label_id', `label ${labelRef} does not exist in this workspace or organisation`);
      }
      labelId = label._id;
    }
    const { metadata, at } = commandMeta(context, { workspaceId: prompt.workspaceId, resourceId: prompt._id });
    const command = { type: 'LabelVersion' as const, promptId: prompt._id, versionRef: version._id, labelId, at };
    const result = await handleCommand(this.store, LibraryStreams.prompt(prompt._id), promptDecider, command, { metadata, maxRetries: 20 });
    return { data: {}, position: result.position };
  }
}
