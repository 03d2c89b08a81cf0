import type { ConfigEvents } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

/** One immutable version of a config: `<configId>:<n>`. */
export interface ConfigVersionDoc extends ProjectedDocument {
  configId: string;
  orgId: string;
  workspaceId: string;
  version: number;
  versionId: string;
  name: string;
  /** The body as JSON text (GET answers it as a string anyway). */
  configJson: string;
  status: ConfigEvents.ConfigStatus;
  by: string;
  createdAt: string;
}

export const configVersionId = (configId: string, version: number) => `${configId}:${version}`;

/** Every version of every config; a deleted config's versions go with it. */
export const configVersionsProjection: ProjectionDefinition<ConfigVersionDoc> = {
  name: 'config-versions-projection',
  collection: 'config_versions',
  categories: ['config'],
  keysOf: (event) => {
    const d = event.data as { configId: string; version?: number; versions?: number };
    if (event.type === 'ConfigDeleted') return Array.from({ length: d.versions ?? 0 }, (_, i) => configVersionId(d.configId, i + 1));
    return typeof d.version === 'number' ? [configVersionId(d.configId, d.version)] : [];
  },
  evolve: (doc, event) => {
    switch (event.type) {
      case 'ConfigCreated':
      case 'ConfigUpdated': {
        const d = event.data as ConfigEvents.ConfigCreated | ConfigEvents.ConfigUpdated;
        return {
          _id: configVersionId(d.configId, d.version),
          configId: d.configId,
          orgId: d.orgId,
          workspaceId: d.workspaceId,
          version: d.version,
          versionId: d.versionId,
          name: d.name,
          configJson: d.configJson,
          status: d.status,
          by: d.by,
          createdAt: d.at,
        };
      }
      case 'ConfigDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    // GET /configs/{slug}/versions, newest first (reversed).
    byConfig: ['configId', 'version'],
  },
};
