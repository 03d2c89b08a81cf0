import type { LabelView, PromptEvents } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

export interface LabelDoc extends ProjectedDocument {
  orgId: string;
  /** Null: an organisation label. */
  workspaceId: string | null;
  name: string;
  nameLower: string;
  description: string | null;
  colorCode: string | null;
  createdBy: string;
  createdAt: string;
  lastUpdatedAt: string;
}

export const labelsProjection: ProjectionDefinition<LabelDoc> = {
  name: 'prompt-labels-projection',
  collection: 'prompt_labels',
  categories: ['promptLabel'],
  keysOf: (event) => [(event.data as { labelId: string }).labelId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'PromptLabelCreated': {
        const d = event.data as PromptEvents.PromptLabelCreated;
        return {
          _id: d.labelId,
          orgId: d.orgId,
          workspaceId: d.workspaceId,
          name: d.name,
          nameLower: d.name.toLowerCase(),
          description: d.description,
          colorCode: d.colorCode,
          createdBy: d.createdBy,
          createdAt: d.at,
          lastUpdatedAt: d.at,
        };
      }
      case 'PromptLabelUpdated': {
        const d = event.data as PromptEvents.PromptLabelUpdated;
        if (!doc) return null;
        const name = d.changes.name ?? doc.name;
        return {
          ...doc,
          name,
          nameLower: name.toLowerCase(),
          description: d.changes.description ?? doc.description,
          colorCode: d.changes.colorCode ?? doc.colorCode,
          lastUpdatedAt: d.at,
        };
      }
      case 'PromptLabelDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    // An organisation's labels (workspaceId null) and a workspace's, newest first.
    byScope: ['orgId', 'workspaceId', 'createdAt'],
  },
};

export function toLabelView(doc: LabelDoc): LabelView {
  return {
    object: 'label',
    id: doc._id,
    name: doc.name,
    description: doc.description,
    color_code: doc.colorCode,
    organisation_id: doc.orgId,
    workspace_id: doc.workspaceId,
    is_universal: doc.workspaceId === null,
    status: 'active',
    created_by: doc.createdBy,
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
  };
}
