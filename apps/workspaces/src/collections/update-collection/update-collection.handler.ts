import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, RequestContext, UpdateCollectionRequest } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import type { CollectionDoc } from '#libs/projections';
import { libraryNotFound } from '../../prompt-library/library.errors.js';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { collectionDecider } from '../domain/collection.decider.js';

/** PUT /collections/{id}: `{name}`. */
@Injectable()
export class UpdateCollectionHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: LibraryAccess,
  ) {}

  async execute(request: UpdateCollectionRequest, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const doc = await this.access.find<CollectionDoc>('prompt_collections', request.ref, context);
    if (!doc) throw libraryNotFound('collection', request.ref);
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    const command = { type: 'UpdateCollection' as const, collectionId: doc._id, changes: { name: request.body.name }, at };
    const result = await handleCommand(this.store, LibraryStreams.collection(doc._id), collectionDecider, command, { metadata, maxRetries: 10 });
    return { data: {}, position: result.position };
  }
}
