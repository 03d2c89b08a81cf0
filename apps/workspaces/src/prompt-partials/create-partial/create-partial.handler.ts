import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { CommandResult, CreatePartialBody, RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { DefaultCollections } from '../../collections/default-collection.js';
import { LibraryAccess } from '../../prompt-library/library-access.js';
import { reserveSlug } from '../../prompt-library/slugs.js';
import { LibraryStreams } from '../../prompt-library/streams.js';
import { collectionFor } from '../../prompts/prompt-collection.js';
import { partialDecider } from '../domain/partial.decider.js';

/** POST /prompts/partials: a partial in a collection (by default its workspace's default one), version 1 published. */
@Injectable()
export class CreatePartialHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly access: LibraryAccess,
    private readonly defaults: DefaultCollections,
  ) {}

  async execute(body: CreatePartialBody, context: RequestContext): Promise<CommandResult<{ id: string; slug: string; version_id: string; object: 'partial' }>> {
    const named = body.workspace_id ? await this.access.workspaceFor(context, body.workspace_id) : null;
    const collection = body.collection_id ? await collectionFor(this.access, body.collection_id, context, named?._id) : null;
    const ws = collection ? await this.access.workspaceById(collection.workspaceId, context) : (named ?? (await this.access.workspaceFor(context)));
    const collectionId = collection?._id ?? (await this.defaults.ensure(ws, context));
    const partialId = randomUUID();
    const versionId = randomUUID();
    const { metadata, at } = commandMeta(context, { workspaceId: ws._id, resourceId: partialId });
    const slug = await reserveSlug(this.store, LibraryStreams.partialSlug, { prefix: 'pl', label: 'prompt partial' }, body.name, ws.orgId, partialId, metadata, at);
    const partial = {
      partialId,
      orgId: ws.orgId,
      workspaceId: ws._id,
      collectionId,
      slug,
      name: body.name,
      versionId,
      content: { string: body.string, versionDescription: body.version_description ?? null },
      createdBy: context.principal?.userId ?? context.principal?.keyId ?? 'system',
    };
    const result = await handleCommand(this.store, LibraryStreams.partial(partialId), partialDecider, { type: 'CreatePartial', partial, at }, { metadata });
    return { data: { object: 'partial', id: partialId, slug, version_id: versionId }, position: result.position };
  }
}
