import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import type { PromptVersionDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { labelDecider } from '../domain/label.decider.js';
import { LabelLookup } from '../label-lookup.js';

/** DELETE /labels/{id}: refused (409) while a prompt version carries it. */
@Injectable()
export class DeleteLabelHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly lookup: LabelLookup,
  ) {}

  async execute(ref: string, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const label = await this.lookup.changeable(ref, context);
    await this.projections.catchUp();
    const versionsLabelled = await this.projections.collection<PromptVersionDoc>('prompt_versions').count('byLabel', { orgId: label.orgId, labelId: label._id });
    const { metadata, at } = commandMeta(context, { workspaceId: label.workspaceId, resourceId: label._id });
    const command = { type: 'DeleteLabel' as const, labelId: label._id, versionsLabelled, reason: 'api' as const, at };
    const result = await handleCommand(this.store, LibraryStreams.label(label._id), labelDecider, command, { metadata });
    return { data: {}, position: result.position };
  }
}
