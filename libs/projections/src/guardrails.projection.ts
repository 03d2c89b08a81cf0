import type { GuardrailEvents, GuardrailSummaryView, GuardrailView } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';
import type { GuardrailVersionDoc } from './guardrails-versions.projection.js';
import type { ReadModels } from './read-models.js';

/** A guardrail as it stands now; its checks and actions live in its versions. */
export interface GuardrailDoc extends ProjectedDocument {
  orgId: string;
  /** null: organisation level. */
  workspaceId: string | null;
  slug: string;
  name: string;
  ownerId: string;
  updatedBy: string;
  versionId: string;
  version: number;
  createdAt: string;
  lastUpdatedAt: string;
}

export const guardrailsProjection: ProjectionDefinition<GuardrailDoc> = {
  name: 'guardrails-projection',
  collection: 'guardrails',
  categories: ['guardrail'],
  keysOf: (event) => [(event.data as { guardrailId: string }).guardrailId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'GuardrailCreated': {
        const d = event.data as GuardrailEvents.GuardrailCreated;
        return {
          _id: d.guardrailId,
          orgId: d.orgId,
          workspaceId: d.workspaceId,
          slug: d.slug,
          name: d.name,
          ownerId: d.by,
          updatedBy: d.by,
          versionId: d.versionId,
          version: d.version,
          createdAt: d.at,
          lastUpdatedAt: d.at,
        };
      }
      case 'GuardrailUpdated': {
        const d = event.data as GuardrailEvents.GuardrailUpdated;
        return doc && { ...doc, name: d.name, updatedBy: d.by, versionId: d.versionId, version: d.version, lastUpdatedAt: d.at };
      }
      case 'GuardrailDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    bySlug: ['orgId', 'slug'],
    // A workspace's guardrails (workspaceId null: the organisation-level ones), oldest first.
    byWorkspace: ['orgId', 'workspaceId', 'createdAt'],
    byOrg: ['orgId', 'createdAt'],
  },
};

export function toGuardrailSummaryView(doc: GuardrailDoc): GuardrailSummaryView {
  return {
    object: 'guardrail',
    id: doc._id,
    name: doc.name,
    slug: doc.slug,
    organisation_id: doc.orgId,
    workspace_id: doc.workspaceId,
    status: 'active',
    owner_id: doc.ownerId,
    updated_by: doc.updatedBy,
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
    version_id: doc.versionId,
  };
}

export function toGuardrailView(doc: GuardrailDoc, version: GuardrailVersionDoc): GuardrailView {
  return {
    ...toGuardrailSummaryView(doc),
    name: version.name,
    updated_by: version.by,
    last_updated_at: version.createdAt,
    version_id: version.versionId,
    version: version.version,
    checks: JSON.parse(version.checksJson) as GuardrailView['checks'],
    actions: JSON.parse(version.actionsJson) as Record<string, unknown>,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A guardrail of this organisation by uuid or slug; a miss catches up with the store once. */
export async function findGuardrailByRef(models: ReadModels, orgId: string, ref: string): Promise<GuardrailDoc | null> {
  const guardrails = models.collection<GuardrailDoc>('guardrails');
  const find = async () => {
    const doc = UUID.test(ref) ? await guardrails.get(ref.toLowerCase()) : await guardrails.first('bySlug', { orgId, slug: ref });
    return doc && doc.orgId === orgId ? doc : null;
  };
  const doc = await find();
  if (doc) return doc;
  await models.catchUp();
  return find();
}
