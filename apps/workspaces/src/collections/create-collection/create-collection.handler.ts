import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandResult, CreateCollectionBody, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import type { CollectionDoc } from '#libs/projections';
import { invalidField } from '../../prompt-library/library.errors.js';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { reserveSlug } from '../../prompt-library/slugs.js';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { DefaultCollections } from '../default-collection.js';
import { collectionDecider } from '../domain/collection.decider.js';

/** POST /collections: a collection in the named (or the key's, or the default) workspace, optionally nested. */
@Injectable()
export class CreateCollectionHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: LibraryAccess,
    private readonly defaults: DefaultCollections,
  ) {}

  async execute(body: CreateCollectionBody, context: RequestContext): Promise<CommandResult<{ id: string; slug: string; object: 'collection' }>> {
    const ws = await this.access.workspaceFor(context, body.workspace_id);
    await this.defaults.ensure(ws, context);
    let parentCollectionId: string | null = null;
    if (body.parent_collection_id) {
      const parent = await this.access.find<CollectionDoc>('prompt_collections', body.parent_collection_id, context);
      if (!parent || parent.workspaceId !== ws._id) throw invalidField('parent_collection_id', `collection ${body.parent_collection_id} does not exist in this workspace`);
      parentCollectionId = parent._id;
    }
    const collectionId = randomUUID();
    const { metadata, at } = commandMeta(context, { workspaceId: ws._id, resourceId: collectionId });
    const slug = await reserveSlug(this.store, LibraryStreams.collectionSlug, { prefix: 'co', label: 'collection' }, body.name, ws.orgId, collectionId, metadata, at);
    const createdBy = context.principal?.userId ?? context.principal?.keyId ?? 'system';
    const collection = { collectionId, orgId: ws.orgId, workspaceId: ws._id, slug, name: body.name, parentCollectionId, isDefault: false, createdBy };
    const result = await handleCommand(this.store, LibraryStreams.collection(collectionId), collectionDecider, { type: 'CreateCollection', collection, at }, { metadata });
    return { data: { id: collectionId, slug, object: 'collection' }, position: result.position };
  }
}
