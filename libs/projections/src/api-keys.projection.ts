import type { ApiKeyView, KeyEvents } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';
import { earliestOf } from './earliest.js';
import { EMPTY_SCHEDULE, evolveApiKeySchedule, type LimitSchedule } from '#libs/schedules';

export interface ApiKeyDoc extends ProjectedDocument {
  orgId: string;
  workspaceId: string | null;
  userId: string | null;
  type: KeyEvents.ApiKeyCreated['type'];
  masked: string;
  creationMode: 'api' | 'auto';
  fields: Record<string, unknown>;
  /** `defaults.config_id`, at the top so deleting a config can find the keys that use it. */
  configId: string | null;
  createdAt: string;
  lastUpdatedAt: string;
  keyTransitionExpiresAt: string | null;
  /** Derived from the events (pending rotation and reset, last ones done); absent on old documents. */
  schedule?: LimitSchedule;
  /** The earliest pending instant of the schedule (rotation or usage reset), for the sweeper. */
  dueAt?: string | null;
}

function configIdOf(defaults: unknown): string | null {
  const id = (defaults as { config_id?: unknown } | null | undefined)?.config_id;
  return typeof id === 'string' ? id : null;
}

/** The updatable fields of a key, wire-named, as created. */
export function fieldsOf(created: KeyEvents.ApiKeyCreated): Record<string, unknown> {
  return {
    name: created.name,
    description: created.description,
    scopes: created.scopes,
    rate_limits: created.rateLimits,
    usage_limits: created.usageLimits,
    defaults: created.defaults,
    alert_emails: created.alertEmails,
    expires_at: created.expiresAt,
    rotation_policy: created.rotationPolicy,
  };
}

/** Keys of every organisation (deleted ones disappear); secrets appear only masked. */
export const apiKeysProjection: ProjectionDefinition<ApiKeyDoc> = {
  name: 'api-keys-projection',
  source: import.meta.url,
  collection: 'api_keys',
  categories: ['apiKey'],
  keysOf: (event) => [(event.data as { keyId: string }).keyId],
  evolve: (doc, event) => {
    const next = evolveKeyDoc(doc, event);
    if (!next) return next;
    const schedule = evolveApiKeySchedule(doc?.schedule, event, next.fields);
    return { ...next, schedule, dueAt: earliestOf([schedule.nextRotationAt, schedule.nextUsageResetAt]) };
  },
  indexes: {
    // GET /api-keys: an organisation's keys of the listable types, oldest first.
    byOrgType: ['orgId', 'type', 'createdAt'],
    // GET /api-keys?workspace_id=…, and a workspace's dependants.
    byWorkspaceType: ['orgId', 'workspaceId', 'type', 'createdAt'],
    // Clean-ups when a user leaves an organisation or a workspace.
    byUser: ['orgId', 'userId', 'workspaceId'],
    // Keys whose default config is this one (a config in use cannot be deleted).
    byConfig: ['orgId', 'configId'],
    // The schedule sweeper: keys whose rotation or usage reset fell due.
    byDue: ['dueAt'],
  },
};

function evolveKeyDoc(doc: ApiKeyDoc | null, event: { type: string; data: unknown }): ApiKeyDoc | null {
  switch (event.type) {
    case 'ApiKeyCreated': {
      const d = event.data as KeyEvents.ApiKeyCreated;
      return {
        _id: d.keyId,
        orgId: d.orgId,
        workspaceId: d.workspaceId,
        userId: d.userId,
        type: d.type,
        masked: d.masked,
        creationMode: d.creationMode,
        fields: fieldsOf(d),
        configId: configIdOf(d.defaults),
        createdAt: d.at,
        lastUpdatedAt: d.at,
        keyTransitionExpiresAt: null,
      };
    }
    case 'ApiKeyUpdated': {
      const d = event.data as KeyEvents.ApiKeyUpdated;
      if (!doc) return doc;
      const fields = { ...doc.fields, ...d.changes };
      return { ...doc, fields, configId: configIdOf(fields.defaults), lastUpdatedAt: d.at };
    }
    case 'ApiKeyRotated': {
      const d = event.data as KeyEvents.ApiKeyRotated;
      return doc && { ...doc, masked: d.masked, keyTransitionExpiresAt: d.previousValidUntil, lastUpdatedAt: d.at };
    }
    case 'ApiKeyDeleted':
      return null;
    default:
      return doc;
  }
}

export function toApiKeyView(doc: ApiKeyDoc): ApiKeyView {
  const f = doc.fields;
  const schedule = doc.schedule ?? EMPTY_SCHEDULE;
  const usageLimits = f.usage_limits ? { ...(f.usage_limits as Record<string, unknown>), next_usage_reset_at: schedule.nextUsageResetAt } : null;
  const rotationPolicy = f.rotation_policy ? { ...(f.rotation_policy as Record<string, unknown>), next_rotation_at: schedule.nextRotationAt } : null;
  const defaults = (f.defaults ?? {}) as { metadata?: Record<string, unknown>; config_id?: string | null; allow_config_override?: boolean };
  const allowOverride = defaults.allow_config_override ?? true;
  return {
    object: 'api-key',
    id: doc._id,
    key: doc.masked,
    name: f.name as string,
    description: (f.description as string | null) ?? null,
    type: doc.type,
    organisation_id: doc.orgId,
    workspace_id: doc.workspaceId,
    user_id: doc.userId,
    status: 'active',
    creation_mode: doc.creationMode,
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
    rate_limits: (f.rate_limits as unknown[] | null) ?? [],
    usage_limits: usageLimits,
    // A trigger, never stored.
    reset_usage: 0,
    last_reset_at: schedule.lastResetAt,
    next_usage_reset_at: schedule.nextUsageResetAt,
    scopes: f.scopes as string[],
    defaults: { metadata: defaults.metadata ?? null, config_id: defaults.config_id ?? null, allow_config_override: allowOverride },
    allow_config_override: allowOverride ? 1 : 0,
    api_key_defaults_id: null,
    alert_emails: (f.alert_emails as string[] | null) ?? null,
    expires_at: (f.expires_at as string | null) ?? null,
    expiry_enforced: f.expires_at ? 1 : 0,
    rotation_policy: rotationPolicy,
    last_rotated_at: schedule.lastRotatedAt,
    key_transition_expires_at: doc.keyTransitionExpiresAt,
  };
}
