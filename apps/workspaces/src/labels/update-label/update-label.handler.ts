import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, RequestContext, UpdateLabelRequest } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { labelDecider } from '../domain/label.decider.js';
import { LabelLookup } from '../label-lookup.js';

/** PUT /labels/{id}: `name`, `description`, `color_code`. */
@Injectable()
export class UpdateLabelHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lookup: LabelLookup,
  ) {}

  async execute(request: UpdateLabelRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const label = await this.lookup.changeable(request.ref, context);
    const { metadata, at } = commandMeta(context, { workspaceId: label.workspaceId, resourceId: label._id });
    const changes = { name: request.body.name, description: request.body.description, colorCode: request.body.color_code };
    const result = await handleCommand(this.store, LibraryStreams.label(label._id), labelDecider, { type: 'UpdateLabel', labelId: label._id, changes, at }, { metadata, maxRetries: 10 });
    return { data: {}, position: result.position };
  }
}
