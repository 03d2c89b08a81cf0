import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandResult, RequestContext, UpdatePartialRequest } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { partialDecider } from '../domain/partial.decider.js';
import { PartialLookup } from '../partial-lookup.js';

export interface UpdatedPartial {
  id: string;
  slug: string;
  prompt_partial_version_id: string;
  version: number;
}

/** PUT /prompts/partials/{id}: rename, archive, or (a changed `string`) a new unpublished version. */
@Injectable()
export class UpdatePartialHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly lookup: PartialLookup,
  ) {}

  async execute(request: UpdatePartialRequest, context: RequestContext): Promise<CommandResult<UpdatedPartial>> {
    const partial = await this.lookup.partial(request.ref, context);
    const body = request.body;
    const { metadata, at } = commandMeta(context, { workspaceId: partial.workspaceId, resourceId: partial._id });
    const version =
      body.string === undefined || body.string === null
        ? null
        : { content: { string: body.string, versionDescription: body.version_description ?? body.description ?? null }, versionId: randomUUID() };
    const command = { type: 'UpdatePartial' as const, partialId: partial._id, changes: { name: body.name, status: body.status }, version, at };
    const result = await handleCommand(this.store, LibraryStreams.partial(partial._id), partialDecider, command, { metadata, maxRetries: 20 });
    const latest = result.state.versions.at(-1)!;
    return { data: { id: partial._id, slug: partial.slug, prompt_partial_version_id: latest.versionId, version: latest.version }, position: result.position };
  }
}
