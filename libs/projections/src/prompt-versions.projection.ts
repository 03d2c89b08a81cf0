import { decodeVersionContent, type PromptEvents, type PromptVersionListItem, type PromptView } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';
import type { PromptDoc } from './prompts.projection.js';

/** One immutable prompt version: only its label can change after it is recorded. */
export interface PromptVersionDoc extends ProjectedDocument {
  promptId: string;
  orgId: string;
  workspaceId: string;
  version: number;
  content: PromptEvents.PromptVersionContent;
  labelId: string | null;
  createdAt: string;
}

export const promptVersionsProjection: ProjectionDefinition<PromptVersionDoc> = {
  name: 'prompt-versions-projection',
  collection: 'prompt_versions',
  categories: ['prompt'],
  keysOf: (event) => {
    switch (event.type) {
      case 'PromptCreated':
      case 'PromptVersionCreated':
        return [(event.data as PromptEvents.PromptVersionCreated).versionId];
      case 'PromptVersionLabelled': {
        const d = event.data as PromptEvents.PromptVersionLabelled;
        return [d.versionId, ...d.clearedVersionIds];
      }
      case 'PromptDeleted':
        return (event.data as PromptEvents.PromptDeleted).versionIds;
      default:
        return [];
    }
  },
  evolve: (doc, event, key) => {
    switch (event.type) {
      case 'PromptCreated':
      case 'PromptVersionCreated': {
        const d = event.data as PromptEvents.PromptVersionCreated;
        return { _id: d.versionId, promptId: d.promptId, orgId: d.orgId, workspaceId: d.workspaceId, version: d.version, content: decodeVersionContent(d.content), labelId: null, createdAt: d.at };
      }
      case 'PromptVersionLabelled': {
        const d = event.data as PromptEvents.PromptVersionLabelled;
        return doc && { ...doc, labelId: key === d.versionId ? d.labelId : null };
      }
      case 'PromptDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    // A prompt's history, and `?version=N`.
    byPrompt: ['promptId', 'version'],
    // Versions carrying a label (deleting the label is refused while any does).
    byLabel: ['orgId', 'labelId', 'createdAt'],
  },
};

/** GET /prompts/{id}[?version=N]. A pinned version's view depends on nothing that changes later. */
export function toPromptView(prompt: PromptDoc, version: PromptVersionDoc, pinned: boolean): PromptView {
  const c = version.content;
  return {
    object: 'prompt',
    id: prompt._id,
    slug: prompt.slug,
    name: prompt.name,
    collection_id: prompt.collectionId,
    workspace_id: prompt.workspaceId,
    organisation_id: prompt.orgId,
    string: c.string,
    parameters: c.parameters,
    model: c.model,
    virtual_key: c.virtualKey,
    functions: c.functions,
    tools: c.tools,
    tool_choice: c.toolChoice ?? null,
    template_metadata: c.templateMetadata,
    is_raw_template: c.isRawTemplate,
    prompt_metadata: prompt.promptMetadata,
    status: 'active',
    created_at: prompt.createdAt,
    last_updated_at: pinned ? version.createdAt : prompt.lastUpdatedAt,
    prompt_version: version.version,
    prompt_version_id: version._id,
    prompt_version_status: 'active',
    prompt_version_description: c.versionDescription,
    prompt_version_label_id: version.labelId,
    ...(pinned ? {} : { published_version: prompt.publishedVersion }),
  };
}

export function toPromptVersionListItem(version: PromptVersionDoc, publishedVersion: number): PromptVersionListItem {
  const c = version.content;
  return {
    object: 'prompt_version',
    id: version._id,
    prompt_id: version.promptId,
    prompt_template: c.string,
    prompt_version: version.version,
    prompt_description: c.versionDescription,
    label_id: version.labelId,
    model: c.model,
    virtual_key: c.virtualKey,
    parameters: c.parameters,
    status: 'active',
    is_published: version.version === publishedVersion ? 1 : 0,
    created_at: version.createdAt,
  };
}
