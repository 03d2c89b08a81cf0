import type { IntegrationModelView, IntegrationModelsView, IntegrationView, ProviderEvents } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';
import { catalogueModels } from '#libs/contracts';
import type { ReadModels } from './read-models.js';

export interface IntegrationDoc extends ProjectedDocument {
  orgId: string;
  /** null for organisation integrations (a scalar, so the indexes can name it). */
  workspaceId: string | null;
  scope: 'organisation' | 'workspace';
  private: boolean;
  slug: string;
  name: string;
  aiProviderId: string;
  description: string | null;
  status: 'active' | 'archived';
  /** Masked forms only: ciphertext stays in the event store. */
  maskedKey: string | null;
  configurations: Record<string, unknown>;
  maskedConfigurations: Record<string, string>;
  secretMappings: unknown[];
  allowAllModels: boolean;
  models: ProviderEvents.IntegrationModel[];
  globalAccess: ProviderEvents.WorkspaceAccess | null;
  createdAt: string;
  lastUpdatedAt: string;
}

type Data = { integrationId: string };

/** Integrations of every organisation, with their models; deleted ones disappear. */
export const integrationsProjection: ProjectionDefinition<IntegrationDoc> = {
  name: 'integrations-projection',
  collection: 'integrations',
  categories: ['integration'],
  keysOf: (event) => [(event.data as Data).integrationId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'IntegrationCreated': {
        const d = event.data as ProviderEvents.IntegrationCreated;
        return {
          _id: d.integrationId,
          orgId: d.orgId,
          workspaceId: d.workspaceId,
          scope: d.workspaceId ? 'workspace' : 'organisation',
          private: d.private,
          slug: d.slug,
          name: d.name,
          aiProviderId: d.aiProviderId,
          description: d.description,
          status: 'active',
          maskedKey: d.maskedKey,
          configurations: d.configurations,
          maskedConfigurations: d.maskedConfigurations,
          secretMappings: d.secretMappings ?? [],
          allowAllModels: true,
          models: [],
          globalAccess: null,
          createdAt: d.at,
          lastUpdatedAt: d.at,
        };
      }
      case 'IntegrationUpdated': {
        if (!doc) return null;
        const d = event.data as ProviderEvents.IntegrationUpdated;
        const c = d.changes;
        return {
          ...doc,
          ...('name' in c ? { name: c.name as string } : {}),
          ...('description' in c ? { description: (c.description as string | null) ?? null } : {}),
          ...('configurations' in c ? { configurations: (c.configurations as Record<string, unknown> | null) ?? {} } : {}),
          ...('secret_mappings' in c ? { secretMappings: (c.secret_mappings as unknown[] | null) ?? [] } : {}),
          ...(d.secrets ? { maskedKey: d.secrets.maskedKey, maskedConfigurations: d.secrets.maskedConfigurations } : {}),
          lastUpdatedAt: d.at,
        };
      }
      case 'IntegrationModelsChanged': {
        const d = event.data as ProviderEvents.IntegrationModelsChanged;
        return doc && { ...doc, allowAllModels: d.allowAllModels, models: d.models, lastUpdatedAt: d.at };
      }
      case 'IntegrationWorkspaceAccessChanged': {
        const d = event.data as ProviderEvents.IntegrationWorkspaceAccessChanged;
        return doc && { ...doc, ...(d.global ? { globalAccess: d.global } : {}), lastUpdatedAt: d.at };
      }
      case 'IntegrationDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    // Slugs are unique per organisation; path lookups by slug.
    bySlug: ['orgId', 'slug'],
    // GET /integrations?type=all (admin key, no workspace named).
    byOrg: ['orgId', 'private', 'createdAt'],
    // type=organisation (workspaceId null) and type=workspace in one workspace; workspace dependants.
    byWorkspace: ['orgId', 'private', 'workspaceId', 'createdAt'],
    // type=workspace across the organisation.
    byScope: ['orgId', 'private', 'scope', 'createdAt'],
  },
};

export function toIntegrationView(doc: IntegrationDoc): IntegrationView {
  return {
    object: 'integration',
    id: doc._id,
    organisation_id: doc.orgId,
    ai_provider_id: doc.aiProviderId,
    name: doc.name,
    slug: doc.slug,
    description: doc.description,
    status: doc.status,
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
    type: doc.scope,
    workspace_id: doc.workspaceId,
    masked_key: doc.maskedKey,
    configurations: { ...doc.configurations, ...doc.maskedConfigurations },
    secret_mappings: doc.secretMappings,
  };
}

export function toModelView(model: ProviderEvents.IntegrationModel): IntegrationModelView {
  return {
    slug: model.slug,
    name: model.slug,
    enabled: model.enabled,
    is_custom: model.is_custom,
    is_finetune: model.is_finetune,
    base_model_slug: model.base_model_slug,
    configurations: model.configurations,
    pricing_config: model.pricing_config,
  };
}

/**
 * The models an integration offers: its provider's catalogue (enabled while `allow_all_models`
 * holds, unless an entry says otherwise), then the models entered for it that the catalogue lacks.
 */
export function toModelsView(doc: IntegrationDoc): IntegrationModelsView {
  const entered = new Map(doc.models.map((m) => [m.slug, m]));
  const catalogue = catalogueModels(doc.aiProviderId).map(
    (slug) => entered.get(slug) ?? { slug, enabled: doc.allowAllModels, is_custom: false, is_finetune: false, base_model_slug: null, configurations: null, pricing_config: null },
  );
  const known = new Set(catalogueModels(doc.aiProviderId));
  const models = [...catalogue, ...doc.models.filter((m) => !known.has(m.slug))];
  return { total: models.length, allow_all_models: doc.allowAllModels, models: models.map(toModelView) };
}

/**
 * An integration by id or slug in an organisation. A miss catches the projections up once: an
 * integration created a moment ago through another principal is found.
 */
export async function findIntegrationByRef(models: ReadModels, orgId: string, ref: string): Promise<IntegrationDoc | null> {
  const integrations = models.collection<IntegrationDoc>('integrations');
  const find = async () => {
    const byId = await integrations.get(ref);
    if (byId) return byId.orgId === orgId ? byId : null;
    return integrations.first('bySlug', { orgId, slug: ref });
  };
  return (await find()) ?? (await models.catchUp(), await find());
}
