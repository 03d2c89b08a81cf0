import { decodeJson, type PromptEvents, type PromptListItem } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

/** A prompt's current state; its versions are documents of their own (`prompt_versions`). */
export interface PromptDoc extends ProjectedDocument {
  orgId: string;
  workspaceId: string;
  collectionId: string;
  slug: string;
  name: string;
  nameLower: string;
  promptMetadata: Record<string, unknown> | null;
  latestVersion: number;
  latestVersionId: string;
  latestVirtualKey: string | null;
  publishedVersion: number;
  publishedVersionId: string;
  publishedVirtualKey: string | null;
  publishedModel: string | null;
  createdBy: string;
  createdAt: string;
  lastUpdatedAt: string;
}

export const promptsProjection: ProjectionDefinition<PromptDoc> = {
  name: 'prompts-projection',
  collection: 'prompts',
  categories: ['prompt'],
  keysOf: (event) => [(event.data as { promptId: string }).promptId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'PromptCreated': {
        const d = event.data as PromptEvents.PromptCreated;
        return {
          _id: d.promptId,
          orgId: d.orgId,
          workspaceId: d.workspaceId,
          collectionId: d.collectionId,
          slug: d.slug,
          name: d.name,
          nameLower: d.name.toLowerCase(),
          promptMetadata: decodeJson(d.promptMetadataJson),
          latestVersion: d.version,
          latestVersionId: d.versionId,
          latestVirtualKey: d.content.virtualKey,
          publishedVersion: d.version,
          publishedVersionId: d.versionId,
          publishedVirtualKey: d.content.virtualKey,
          publishedModel: d.content.model,
          createdBy: d.createdBy,
          createdAt: d.at,
          lastUpdatedAt: d.at,
        };
      }
      case 'PromptUpdated': {
        const d = event.data as PromptEvents.PromptUpdated;
        if (!doc) return null;
        const name = d.changes.name ?? doc.name;
        return {
          ...doc,
          name,
          nameLower: name.toLowerCase(),
          collectionId: d.changes.collectionId ?? doc.collectionId,
          promptMetadata: d.changes.promptMetadataJson !== undefined ? decodeJson(d.changes.promptMetadataJson) : doc.promptMetadata,
          lastUpdatedAt: d.at,
        };
      }
      case 'PromptVersionCreated': {
        const d = event.data as PromptEvents.PromptVersionCreated;
        return doc && { ...doc, latestVersion: d.version, latestVersionId: d.versionId, latestVirtualKey: d.content.virtualKey, lastUpdatedAt: d.at };
      }
      case 'PromptVersionPublished': {
        const d = event.data as PromptEvents.PromptVersionPublished;
        return (
          doc && { ...doc, publishedVersion: d.version, publishedVersionId: d.versionId, publishedVirtualKey: d.virtualKey, publishedModel: d.model, lastUpdatedAt: d.at }
        );
      }
      case 'PromptDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    // GET /prompts?workspace_id=…, and a workspace's dependants.
    byWorkspace: ['orgId', 'workspaceId', 'createdAt'],
    // Admin-key lists that name no workspace span the organisation.
    byOrg: ['orgId', 'createdAt'],
    // GET /prompts?collection_id=…, and collection_details.prompts_count.
    byCollection: ['collectionId', 'createdAt'],
    bySlug: ['slug', 'orgId'],
    // Who uses a virtual key (409 on its deletion): the published and the newest version.
    byPublishedVirtualKey: ['orgId', 'workspaceId', 'publishedVirtualKey'],
    byLatestVirtualKey: ['orgId', 'workspaceId', 'latestVirtualKey'],
  },
};

export function toPromptListItem(doc: PromptDoc): PromptListItem {
  return {
    object: 'prompt',
    id: doc._id,
    slug: doc.slug,
    name: doc.name,
    collection_id: doc.collectionId,
    workspace_id: doc.workspaceId,
    model: doc.publishedModel,
    status: 'active',
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
  };
}
