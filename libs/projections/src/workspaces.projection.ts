import type { WorkspaceEvents, WorkspaceView } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';
import type { ReadModels } from './read-models.js';

export interface WorkspaceDoc extends ProjectedDocument {
  orgId: string;
  slug: string;
  name: string;
  description: string | null;
  icon: string | null;
  isDefault: boolean;
  status: 'active' | 'archived';
  defaults: Record<string, unknown> | null;
  usageLimits: unknown[] | null;
  rateLimits: unknown[] | null;
  createdBy: string;
  creationSource: 'api' | 'system';
  createdAt: string;
  lastUpdatedAt: string;
}

const FIELD: Record<string, keyof WorkspaceDoc> = {
  name: 'name',
  description: 'description',
  icon: 'icon',
  defaults: 'defaults',
  usage_limits: 'usageLimits',
  rate_limits: 'rateLimits',
  status: 'status',
};

/** Workspaces of every organisation (deleted ones disappear). */
export const workspacesProjection: ProjectionDefinition<WorkspaceDoc> = {
  name: 'workspaces-projection',
  collection: 'workspaces',
  categories: ['workspace'],
  keysOf: (event) => (event.type.startsWith('WorkspaceMember') ? [] : [(event.data as { workspaceId: string }).workspaceId]),
  evolve: (doc, event) => {
    switch (event.type) {
      case 'WorkspaceCreated': {
        const d = event.data as WorkspaceEvents.WorkspaceCreated;
        return {
          _id: d.workspaceId,
          orgId: d.orgId,
          slug: d.slug,
          name: d.name,
          description: d.description,
          icon: d.icon,
          isDefault: d.isDefault,
          status: 'active',
          defaults: d.defaults,
          usageLimits: d.usageLimits,
          rateLimits: d.rateLimits,
          createdBy: d.createdBy,
          creationSource: d.creationSource,
          createdAt: d.at,
          lastUpdatedAt: d.at,
        };
      }
      case 'WorkspaceUpdated': {
        if (!doc) return null;
        const d = event.data as WorkspaceEvents.WorkspaceUpdated;
        const next = { ...doc, lastUpdatedAt: d.at } as Record<string, unknown>;
        for (const [wire, value] of Object.entries(d.changes)) if (FIELD[wire]) next[FIELD[wire]] = value;
        return next as unknown as WorkspaceDoc;
      }
      case 'WorkspaceDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    // Slugs are unique per organisation; lookups by slug come from any organisation (callers compare).
    bySlug: ['slug', 'orgId'],
    byOrg: ['orgId', 'createdAt'],
    byName: ['orgId', 'name', 'createdAt'],
    byStatus: ['orgId', 'status', 'createdAt'],
  },
};

export function toWorkspaceView(doc: WorkspaceDoc): WorkspaceView {
  return {
    object: 'workspace',
    id: doc._id,
    slug: doc.slug,
    name: doc.name,
    description: doc.description,
    icon: doc.icon,
    is_default: doc.isDefault ? 1 : 0,
    status: doc.status,
    organisation_id: doc.orgId,
    created_by: doc.createdBy,
    creation_source: doc.creationSource,
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
    defaults: doc.defaults,
    usage_limits: doc.usageLimits,
    rate_limits: doc.rateLimits,
    last_reset_at: null,
    security_settings: {},
    settings: {},
  };
}

/**
 * A workspace by id or slug, in any organisation (callers compare). A miss catches the
 * projections up with the store once: a workspace created a moment ago through another
 * principal is found, not reported missing.
 */
export async function findWorkspaceByRef(models: ReadModels, ref: string): Promise<WorkspaceDoc | null> {
  const workspaces = models.collection<WorkspaceDoc>('workspaces');
  const find = async () => (await workspaces.get(ref)) ?? (await workspaces.first('bySlug', { slug: ref }));
  const doc = await find();
  if (doc) return doc;
  await models.catchUp();
  return find();
}
