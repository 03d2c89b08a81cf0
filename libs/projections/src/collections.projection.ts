import { defaultCollectionId, type CollectionView, type PromptEvents, type WorkspaceEvents } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

export interface CollectionDoc extends ProjectedDocument {
  orgId: string;
  workspaceId: string;
  slug: string;
  name: string;
  /** For case-insensitive search. */
  nameLower: string;
  parentCollectionId: string | null;
  isDefault: boolean;
  createdBy: string;
  createdAt: string;
  lastUpdatedAt: string;
}

/**
 * Prompt collections. A workspace's default collection also goes when its workspace is deleted
 * (its id derives from the workspace's), since an unforced deletion does not visit it.
 */
export const collectionsProjection: ProjectionDefinition<CollectionDoc> = {
  name: 'prompt-collections-projection',
  collection: 'prompt_collections',
  categories: ['promptCollection', 'workspace'],
  keysOf: (event) => {
    if (event.type === 'WorkspaceDeleted') return [defaultCollectionId((event.data as WorkspaceEvents.WorkspaceDeleted).workspaceId)];
    return event.type.startsWith('PromptCollection') ? [(event.data as { collectionId: string }).collectionId] : [];
  },
  evolve: (doc, event) => {
    switch (event.type) {
      case 'PromptCollectionCreated': {
        const d = event.data as PromptEvents.PromptCollectionCreated;
        return {
          _id: d.collectionId,
          orgId: d.orgId,
          workspaceId: d.workspaceId,
          slug: d.slug,
          name: d.name,
          nameLower: d.name.toLowerCase(),
          parentCollectionId: d.parentCollectionId,
          isDefault: d.isDefault,
          createdBy: d.createdBy,
          createdAt: d.at,
          lastUpdatedAt: d.at,
        };
      }
      case 'PromptCollectionUpdated': {
        const d = event.data as PromptEvents.PromptCollectionUpdated;
        if (!doc) return null;
        const name = d.changes.name ?? doc.name;
        return { ...doc, name, nameLower: name.toLowerCase(), lastUpdatedAt: d.at };
      }
      case 'PromptCollectionDeleted':
      case 'WorkspaceDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    // GET /collections?workspace_id=…, and a workspace's dependants.
    byWorkspace: ['orgId', 'workspaceId', 'createdAt'],
    // Admin-key lists that name no workspace span the organisation.
    byOrg: ['orgId', 'createdAt'],
    // Path lookups by slug come from the caller's organisation.
    bySlug: ['slug', 'orgId'],
    // collection_details.child_collections_count and GET's child_collections[].
    byParent: ['parentCollectionId', 'createdAt'],
  },
};

export function toCollectionView(doc: CollectionDoc, details: CollectionView['collection_details']): CollectionView {
  return { ...collectionSummary(doc), collection_details: details };
}

export function collectionSummary(doc: CollectionDoc): Omit<CollectionView, 'collection_details' | 'child_collections'> {
  return {
    object: 'collection',
    id: doc._id,
    name: doc.name,
    slug: doc.slug,
    workspace_id: doc.workspaceId,
    organisation_id: doc.orgId,
    parent_collection_id: doc.parentCollectionId,
    is_default: doc.isDefault ? 1 : 0,
    status: 'active',
    created_by: doc.createdBy,
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
  };
}
