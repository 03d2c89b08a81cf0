import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import type { CollectionDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { libraryNotFound } from '../../prompt-library/library.errors.js';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { contentsOf } from '../collection-contents.js';
import { collectionDecider } from '../domain/collection.decider.js';

/** DELETE /collections/{id}: only an empty, non-default collection goes. */
@Injectable()
export class DeleteCollectionHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly access: LibraryAccess,
  ) {}

  async execute(ref: string, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const doc = await this.access.find<CollectionDoc>('prompt_collections', ref, context);
    if (!doc) throw libraryNotFound('collection', ref);
    // What was put in it a moment ago, through any principal, counts.
    await this.projections.catchUp();
    const contents = await contentsOf(this.projections, doc._id);
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    const command = { type: 'DeleteCollection' as const, collectionId: doc._id, contents, reason: 'api' as const, at };
    const result = await handleCommand(this.store, LibraryStreams.collection(doc._id), collectionDecider, command, { metadata });
    return { data: {}, position: result.position };
  }
}
