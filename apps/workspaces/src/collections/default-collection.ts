import { Inject, Injectable } from '@nestjs/common';
import { defaultCollectionId, defaultCollectionSlug, type RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import type { CollectionDoc, WorkspaceDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { LibraryStreams } from '../prompt-library/streams.js';
import { collectionDecider } from './domain/collection.decider.js';

/**
 * Every workspace has a default prompt collection, made lazily by the first request that needs
 * one (listing collections or prompts, creating a collection, prompt or partial). Its id derives
 * from the workspace's, so racing requests make it once.
 */
@Injectable()
export class DefaultCollections {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async ensure(ws: WorkspaceDoc, context: RequestContext): Promise<string> {
    const collectionId = defaultCollectionId(ws._id);
    if (await this.projections.collection<CollectionDoc>('prompt_collections').get(collectionId)) return collectionId;
    const at = context.occurredAt ?? new Date().toISOString();
    // Not a request of its own: no HTTP facts, so the audit log records only what was asked for.
    const metadata = { orgId: ws.orgId, workspaceId: ws._id, actor: { type: 'system' as const, id: 'system' }, correlationId: context.correlationId, causationId: context.requestId, occurredAt: at };
    const collection = {
      collectionId,
      orgId: ws.orgId,
      workspaceId: ws._id,
      slug: defaultCollectionSlug(ws._id),
      name: 'Default',
      parentCollectionId: null,
      isDefault: true,
      createdBy: 'system',
    };
    const result = await handleCommand(this.store, LibraryStreams.collection(collectionId), collectionDecider, { type: 'EnsureDefaultCollection', collection, at }, { metadata, maxRetries: 10 });
    await this.projections.waitFor(result.position);
    return collectionId;
  }
}
