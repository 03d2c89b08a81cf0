import type { PartialListItem, PartialVersionListItem, PartialView, PromptEvents } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

export interface PartialDoc extends ProjectedDocument {
  orgId: string;
  workspaceId: string;
  collectionId: string;
  slug: string;
  name: string;
  nameLower: string;
  status: 'active' | 'archived';
  latestVersion: number;
  latestVersionId: string;
  publishedVersion: number;
  publishedVersionId: string;
  createdBy: string;
  createdAt: string;
  lastUpdatedAt: string;
}

/** One immutable partial version. */
export interface PartialVersionDoc extends ProjectedDocument {
  partialId: string;
  orgId: string;
  workspaceId: string;
  version: number;
  content: PromptEvents.PartialVersionContent;
  createdAt: string;
}

export const promptPartialsProjection: ProjectionDefinition<PartialDoc> = {
  name: 'prompt-partials-projection',
  collection: 'prompt_partials',
  categories: ['promptPartial'],
  keysOf: (event) => [(event.data as { partialId: string }).partialId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'PromptPartialCreated': {
        const d = event.data as PromptEvents.PromptPartialCreated;
        return {
          _id: d.partialId,
          orgId: d.orgId,
          workspaceId: d.workspaceId,
          collectionId: d.collectionId,
          slug: d.slug,
          name: d.name,
          nameLower: d.name.toLowerCase(),
          status: 'active',
          latestVersion: d.version,
          latestVersionId: d.versionId,
          publishedVersion: d.version,
          publishedVersionId: d.versionId,
          createdBy: d.createdBy,
          createdAt: d.at,
          lastUpdatedAt: d.at,
        };
      }
      case 'PromptPartialUpdated': {
        const d = event.data as PromptEvents.PromptPartialUpdated;
        if (!doc) return null;
        const name = d.changes.name ?? doc.name;
        return { ...doc, name, nameLower: name.toLowerCase(), status: d.changes.status ?? doc.status, lastUpdatedAt: d.at };
      }
      case 'PromptPartialVersionCreated': {
        const d = event.data as PromptEvents.PromptPartialVersionCreated;
        return doc && { ...doc, latestVersion: d.version, latestVersionId: d.versionId, lastUpdatedAt: d.at };
      }
      case 'PromptPartialVersionPublished': {
        const d = event.data as PromptEvents.PromptPartialVersionPublished;
        return doc && { ...doc, publishedVersion: d.version, publishedVersionId: d.versionId, lastUpdatedAt: d.at };
      }
      case 'PromptPartialDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    byWorkspace: ['orgId', 'workspaceId', 'createdAt'],
    // Admin-key lists that name no workspace span the organisation.
    byOrg: ['orgId', 'createdAt'],
    byCollection: ['collectionId', 'createdAt'],
    // Path lookups, and `{{>slug}}` in templates.
    bySlug: ['slug', 'orgId'],
  },
};

export const promptPartialVersionsProjection: ProjectionDefinition<PartialVersionDoc> = {
  name: 'prompt-partial-versions-projection',
  collection: 'prompt_partial_versions',
  categories: ['promptPartial'],
  keysOf: (event) => {
    switch (event.type) {
      case 'PromptPartialCreated':
      case 'PromptPartialVersionCreated':
        return [(event.data as PromptEvents.PromptPartialVersionCreated).versionId];
      case 'PromptPartialDeleted':
        return (event.data as PromptEvents.PromptPartialDeleted).versionIds;
      default:
        return [];
    }
  },
  evolve: (doc, event) => {
    switch (event.type) {
      case 'PromptPartialCreated':
      case 'PromptPartialVersionCreated': {
        const d = event.data as PromptEvents.PromptPartialVersionCreated;
        return { _id: d.versionId, partialId: d.partialId, orgId: d.orgId, workspaceId: d.workspaceId, version: d.version, content: d.content, createdAt: d.at };
      }
      case 'PromptPartialDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    byPartial: ['partialId', 'version'],
  },
};

export function toPartialListItem(doc: PartialDoc, version?: PartialVersionDoc): PartialListItem {
  return {
    object: 'partial',
    id: doc._id,
    slug: doc.slug,
    name: doc.name,
    collection_id: doc.collectionId,
    workspace_id: doc.workspaceId,
    version: version?.version ?? doc.publishedVersion,
    version_description: version?.content.versionDescription ?? null,
    prompt_partial_version_id: version?._id ?? doc.publishedVersionId,
    prompt_partial_version_status: 'active',
    status: doc.status,
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
  };
}

/** GET /prompts/partials/{id}[?version=N]; a pinned version's view depends on nothing that changes later. */
export function toPartialView(doc: PartialDoc, version: PartialVersionDoc, pinned: boolean): PartialView {
  return {
    ...toPartialListItem(doc, version),
    string: version.content.string,
    ...(pinned ? { last_updated_at: version.createdAt } : { published_version: doc.publishedVersion }),
  };
}

export function toPartialVersionListItem(doc: PartialDoc, version: PartialVersionDoc): PartialVersionListItem {
  return {
    object: 'partial',
    prompt_partial_id: doc._id,
    prompt_partial_version_id: version._id,
    slug: doc.slug,
    version: version.version,
    string: version.content.string,
    description: version.content.versionDescription,
    version_description: version.content.versionDescription,
    prompt_version_status: 'active',
    is_published: version.version === doc.publishedVersion ? 1 : 0,
    created_at: version.createdAt,
  };
}
