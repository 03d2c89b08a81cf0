import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventMetadata, type EventStore } from '#libs/event-store';
import { commandMeta, WorkspaceDependants, type WorkspaceResourceKind } from '#libs/messaging';
import type { CollectionDoc, LabelDoc, PartialDoc, PromptDoc } from '#libs/projections';
import { PROJECTIONS, type Filter, type ProjectedDocument, type ProjectionHost } from '#libs/read-models';
import { collectionDecider } from '../collections/domain/collection.decider.js';
import { labelDecider } from '../labels/domain/label.decider.js';
import { partialDecider } from '../prompt-partials/domain/partial.decider.js';
import { promptDecider } from '../prompts/domain/prompt.decider.js';
import { LibraryStreams } from './streams.js';

type Remove<Doc> = (doc: Doc, at: string, metadata: EventMetadata) => Promise<{ position: number }>;

const reason = 'workspace_deleted' as const;
const EMPTY = { prompts: 0, partials: 0, childCollections: 0 };

/**
 * The prompt library's resources are dependants of their workspace: counted before it is deleted
 * (409 AB07 while any remain) and removed by a forced deletion, prompts first, collections last.
 * The default collection is never counted (every workspace has one) but goes with the rest.
 */
@Injectable()
export class LibraryDependants {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    dependants: WorkspaceDependants,
  ) {
    const s = this.store;
    dependants.register(
      this.kind<PromptDoc>('prompts', 'prompts', 'byWorkspace', (doc, at, metadata) =>
        handleCommand(s, LibraryStreams.prompt(doc._id), promptDecider, { type: 'DeletePrompt', promptId: doc._id, reason, at }, { metadata, maxRetries: 20 }),
      ),
    );
    dependants.register(
      this.kind<PartialDoc>('prompt partials', 'prompt_partials', 'byWorkspace', (doc, at, metadata) =>
        handleCommand(s, LibraryStreams.partial(doc._id), partialDecider, { type: 'DeletePartial', partialId: doc._id, reason, at }, { metadata, maxRetries: 20 }),
      ),
    );
    dependants.register(
      this.kind<LabelDoc>('prompt labels', 'prompt_labels', 'byScope', (doc, at, metadata) =>
        handleCommand(s, LibraryStreams.label(doc._id), labelDecider, { type: 'DeleteLabel', labelId: doc._id, versionsLabelled: 0, reason, at }, { metadata, maxRetries: 20 }),
      ),
    );
    dependants.register(
      this.kind<CollectionDoc>(
        'prompt collections',
        'prompt_collections',
        'byWorkspace',
        (doc, at, metadata) =>
          handleCommand(s, LibraryStreams.collection(doc._id), collectionDecider, { type: 'DeleteCollection', collectionId: doc._id, contents: EMPTY, reason, at }, { metadata, maxRetries: 20 }),
        { isDefault: false },
      ),
    );
  }

  /** One kind, found by an index whose equality prefix is `(orgId, workspaceId)`. */
  private kind<Doc extends ProjectedDocument>(label: string, collection: string, index: string, remove: Remove<Doc>, counted?: Filter): WorkspaceResourceKind {
    return {
      label,
      count: async (orgId, workspaceId) => {
        await this.projections.catchUp();
        return this.projections.collection<Doc>(collection).count(index, { orgId, workspaceId }, counted);
      },
      remove: async (orgId, workspaceId, context: RequestContext) => {
        // What was created a moment ago must not escape the clean-up.
        await this.projections.catchUp();
        const { docs } = await this.projections.collection<Doc>(collection).find(index, { eq: { orgId, workspaceId } });
        // No resource id: the audit record of the request stays the workspace's deletion.
        const { metadata, at } = commandMeta(context, { workspaceId });
        let position = 0;
        for (const doc of docs) {
          try {
            position = Math.max(position, (await remove(doc, at, metadata)).position);
          } catch (error) {
            if ((error as { status?: number }).status !== 404) throw error;
          }
        }
        return position;
      },
    };
  }
}
