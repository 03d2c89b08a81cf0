import type { WorkspaceEvents, WorkspaceView } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';
import { earliestOf } from './earliest.js';
import type { ReadModels } from './read-models.js';
import { EMPTY_WORKSPACE_SCHEDULE, evolveWorkspaceSchedule, type UsageResetRule, type WorkspaceSchedule } from '#libs/schedules';

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
  /** Derived from the events: pending periodic resets of `usageLimits[]`; absent on old documents. */
  schedule?: WorkspaceSchedule;
  /** The earliest pending usage reset, for the sweeper. */
  dueAt?: string | null;
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
  source: import.meta.url,
  collection: 'workspaces',
  categories: ['workspace'],
  keysOf: (event) => (event.type.startsWith('WorkspaceMember') ? [] : [(event.data as { workspaceId: string }).workspaceId]),
  evolve: (doc, event) => {
    const next = evolveWorkspaceDoc(doc, event);
    if (!next) return next;
    const schedule = evolveWorkspaceSchedule(doc?.schedule, event, next.usageLimits as UsageResetRule[] | null);
    return { ...next, schedule, dueAt: earliestOf(schedule.nextUsageResetAt) };
  },
  indexes: {
    // Slugs are unique per organisation; lookups by slug come from any organisation (callers compare).
    bySlug: ['slug', 'orgId'],
    byOrg: ['orgId', 'createdAt'],
    byName: ['orgId', 'name', 'createdAt'],
    byStatus: ['orgId', 'status', 'createdAt'],
    // The schedule sweeper: workspaces with a usage reset that fell due.
    byDue: ['dueAt'],
  },
};

function evolveWorkspaceDoc(doc: WorkspaceDoc | null, event: { type: string; data: unknown }): WorkspaceDoc | null {
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
}

export function toWorkspaceView(doc: WorkspaceDoc): WorkspaceView {
  const schedule = doc.schedule ?? EMPTY_WORKSPACE_SCHEDULE;
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
    usage_limits: doc.usageLimits && doc.usageLimits.map((limit, i) => ({ ...(limit as object), next_usage_reset_at: schedule.nextUsageResetAt[i] ?? null })),
    rate_limits: doc.rateLimits,
    last_reset_at: schedule.lastResetAt,
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
