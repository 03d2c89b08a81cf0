import type { ConfigEvents, ConfigSummaryView, ConfigView } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';
import type { ConfigVersionDoc } from './configs-versions.projection.js';
import type { ReadModels } from './read-models.js';

/** A config as it stands now (its current version's name and status); the body lives in its versions. */
export interface ConfigDoc extends ProjectedDocument {
  orgId: string;
  workspaceId: string;
  slug: string;
  name: string;
  status: ConfigEvents.ConfigStatus;
  isDefault: boolean;
  ownerId: string;
  updatedBy: string;
  versionId: string;
  version: number;
  createdAt: string;
  lastUpdatedAt: string;
}

/** Configs of every organisation; the default flag follows the workspace's `configDefault` stream. */
export const configsProjection: ProjectionDefinition<ConfigDoc> = {
  name: 'configs-projection',
  collection: 'configs',
  categories: ['config', 'configDefault'],
  keysOf: (event) => {
    if (event.type === 'DefaultConfigChanged') {
      const d = event.data as ConfigEvents.DefaultConfigChanged;
      return [d.configId, d.previousConfigId].filter((id): id is string => !!id);
    }
    return [(event.data as { configId: string }).configId];
  },
  evolve: (doc, event, key) => {
    switch (event.type) {
      case 'ConfigCreated': {
        const d = event.data as ConfigEvents.ConfigCreated;
        return {
          _id: d.configId,
          orgId: d.orgId,
          workspaceId: d.workspaceId,
          slug: d.slug,
          name: d.name,
          status: d.status,
          isDefault: doc?.isDefault ?? false,
          ownerId: d.by,
          updatedBy: d.by,
          versionId: d.versionId,
          version: d.version,
          createdAt: d.at,
          lastUpdatedAt: d.at,
        };
      }
      case 'ConfigUpdated': {
        const d = event.data as ConfigEvents.ConfigUpdated;
        return doc && { ...doc, name: d.name, status: d.status, updatedBy: d.by, versionId: d.versionId, version: d.version, lastUpdatedAt: d.at };
      }
      case 'ConfigDeleted':
        return null;
      case 'DefaultConfigChanged':
        return doc && { ...doc, isDefault: (event.data as ConfigEvents.DefaultConfigChanged).configId === key };
      default:
        return doc;
    }
  },
  indexes: {
    // Slugs are unique per organisation: GET /configs/{slug} from any key of the organisation.
    bySlug: ['orgId', 'slug'],
    // GET /configs?workspace_id=…, a workspace's dependants; oldest first.
    byWorkspace: ['orgId', 'workspaceId', 'createdAt'],
    // GET /configs with an admin key and no workspace.
    byOrg: ['orgId', 'createdAt'],
  },
};

export function toConfigSummaryView(doc: ConfigDoc): ConfigSummaryView {
  return {
    object: 'config',
    id: doc._id,
    name: doc.name,
    slug: doc.slug,
    workspace_id: doc.workspaceId,
    organisation_id: doc.orgId,
    is_default: doc.isDefault ? 1 : 0,
    status: doc.status,
    owner_id: doc.ownerId,
    updated_by: doc.updatedBy,
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
  };
}

/** One version of a config as GET shows it: the version's content over the config's identity. */
export function toConfigView(doc: ConfigDoc, version: ConfigVersionDoc): ConfigView {
  return {
    ...toConfigSummaryView(doc),
    name: version.name,
    status: version.status,
    updated_by: version.by,
    last_updated_at: version.createdAt,
    config: version.configJson,
    format: 'json',
    type: 'ORG_CONFIG',
    version_id: version.versionId,
    version: version.version,
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A config of this organisation by uuid or slug. A miss catches the projections up with the
 * store once: a config created a moment ago through another principal is found.
 */
export async function findConfigByRef(models: ReadModels, orgId: string, ref: string): Promise<ConfigDoc | null> {
  const configs = models.collection<ConfigDoc>('configs');
  const find = async () => {
    const doc = UUID.test(ref) ? await configs.get(ref.toLowerCase()) : await configs.first('bySlug', { orgId, slug: ref });
    return doc && doc.orgId === orgId ? doc : null;
  };
  const doc = await find();
  if (doc) return doc;
  await models.catchUp();
  return find();
}
