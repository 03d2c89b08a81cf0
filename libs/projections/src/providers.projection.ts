import type { ProviderEvents, ProviderView, RateLimit, VirtualKeyView } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';
import type { IntegrationDoc } from './integrations.projection.js';
import type { ReadModels } from './read-models.js';

/**
 * A provider: a workspace's handle on an integration. Virtual keys are providers over a private
 * integration (`kind: 'virtual-key'`), so the provider and virtual-key views are two shapes of
 * one document and never disagree.
 */
export interface ProviderDoc extends ProjectedDocument {
  orgId: string;
  workspaceId: string;
  slug: string;
  name: string;
  note: string | null;
  integrationId: string;
  aiProviderId: string;
  kind: ProviderEvents.ProviderKind;
  usageLimits: Record<string, unknown> | null;
  rateLimits: RateLimit[];
  expiresAt: string | null;
  modelConfig: Record<string, unknown> | null;
  resetUsage: boolean;
  createdBy: string;
  createdAt: string;
  lastUpdatedAt: string;
}

const FIELD: Record<string, keyof ProviderDoc> = {
  name: 'name',
  note: 'note',
  usage_limits: 'usageLimits',
  rate_limits: 'rateLimits',
  expires_at: 'expiresAt',
  model_config: 'modelConfig',
  reset_usage: 'resetUsage',
};

export const providersProjection: ProjectionDefinition<ProviderDoc> = {
  name: 'providers-projection',
  collection: 'providers',
  categories: ['provider'],
  keysOf: (event) => [(event.data as { providerId: string }).providerId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'ProviderCreated': {
        const d = event.data as ProviderEvents.ProviderCreated;
        return {
          _id: d.providerId,
          orgId: d.orgId,
          workspaceId: d.workspaceId,
          slug: d.slug,
          name: d.name,
          note: d.note,
          integrationId: d.integrationId,
          aiProviderId: d.aiProviderId,
          kind: d.kind,
          usageLimits: d.usageLimits,
          rateLimits: d.rateLimits,
          expiresAt: d.expiresAt,
          modelConfig: d.modelConfig,
          resetUsage: false,
          createdBy: d.createdBy,
          createdAt: d.at,
          lastUpdatedAt: d.at,
        };
      }
      case 'ProviderUpdated': {
        if (!doc) return null;
        const d = event.data as ProviderEvents.ProviderUpdated;
        const next = { ...doc, lastUpdatedAt: d.at } as Record<string, unknown>;
        for (const [wire, value] of Object.entries(d.changes)) if (FIELD[wire]) next[FIELD[wire]] = value;
        return next as unknown as ProviderDoc;
      }
      case 'ProviderDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    // Path lookups by slug in a workspace (slugs are unique there).
    byWorkspaceSlug: ['workspaceId', 'slug'],
    // An admin key naming a slug without a workspace.
    byOrgSlug: ['orgId', 'slug', 'workspaceId'],
    // Lists of a workspace, oldest first; the workspace's dependants.
    byWorkspace: ['orgId', 'workspaceId', 'createdAt'],
    // GET /virtual-keys with an admin key and no workspace.
    byOrg: ['orgId', 'createdAt'],
    // Who uses an integration (refusing its deletion).
    byIntegration: ['integrationId', 'createdAt'],
  },
};

export function providerStatus(doc: ProviderDoc, nowMs: number): ProviderView['status'] {
  return doc.expiresAt && Date.parse(doc.expiresAt) <= nowMs ? 'expired' : 'active';
}

export function toProviderView(doc: ProviderDoc, integration: IntegrationDoc | null, nowMs: number): ProviderView {
  return {
    object: 'provider',
    id: doc._id,
    name: doc.name,
    slug: doc.slug,
    integration_id: integration?.slug ?? doc.integrationId,
    ai_provider_name: doc.aiProviderId,
    workspace_id: doc.workspaceId,
    organisation_id: doc.orgId,
    note: doc.note,
    status: providerStatus(doc, nowMs),
    usage_limits: doc.usageLimits,
    reset_usage: doc.resetUsage ? 1 : 0,
    rate_limits: doc.rateLimits,
    model_config: doc.modelConfig,
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
    expires_at: doc.expiresAt,
  };
}

/** The legacy Azure fields of a virtual key, read back from its integration's configurations. */
export function legacyModelConfig(configurations: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (configurations.azure_resource_name !== undefined) out.resourceName = configurations.azure_resource_name;
  if (configurations.azure_deployment_name !== undefined) out.deploymentName = configurations.azure_deployment_name;
  if (configurations.azure_api_version !== undefined) out.apiVersion = configurations.azure_api_version;
  if (Array.isArray(configurations.azure_deployment_config)) {
    out.deploymentConfig = (configurations.azure_deployment_config as Array<Record<string, unknown>>).map((d) => ({
      apiVersion: d.azure_api_version,
      deploymentName: d.azure_deployment_name,
      ...(d.alias !== undefined ? { alias: d.alias } : {}),
      ...(d.is_default !== undefined ? { is_default: d.is_default } : {}),
    }));
  }
  if (configurations.custom_host !== undefined) out.custom_host = configurations.custom_host;
  return out;
}

export function toVirtualKeyView(doc: ProviderDoc, integration: IntegrationDoc | null, workspaceName: string | null, nowMs: number): VirtualKeyView {
  return {
    object: 'virtual-key',
    id: doc._id,
    slug: doc.slug,
    name: doc.name,
    note: doc.note,
    status: providerStatus(doc, nowMs),
    created_at: doc.createdAt,
    last_updated_at: doc.lastUpdatedAt,
    expires_at: doc.expiresAt,
    last_reset_at: null,
    ai_provider_name: doc.aiProviderId,
    provider: doc.aiProviderId,
    integration_id: integration?.slug ?? doc.integrationId,
    model_config: { ...legacyModelConfig(integration?.configurations ?? {}), ...(doc.modelConfig ?? {}) },
    masked_api_key: integration?.maskedKey ?? null,
    key: '',
    usage_limits: doc.usageLimits,
    reset_usage: doc.resetUsage ? 1 : 0,
    rate_limits: doc.rateLimits,
    tags: [],
    workspace_id: doc.workspaceId,
    workspace_name: workspaceName,
    organisation_id: doc.orgId,
  };
}

/**
 * A provider (or virtual key) by id or slug inside one workspace; a miss catches up once, so a
 * provider created a moment ago through another principal is found.
 */
export async function findProviderInWorkspace(models: ReadModels, orgId: string, workspaceId: string, ref: string): Promise<ProviderDoc | null> {
  const providers = models.collection<ProviderDoc>('providers');
  const find = async () => {
    const byId = await providers.get(ref);
    if (byId) return byId.orgId === orgId && byId.workspaceId === workspaceId ? byId : null;
    return providers.first('byWorkspaceSlug', { workspaceId, slug: ref });
  };
  return (await find()) ?? (await models.catchUp(), await find());
}

/** Every provider of an organisation with this id or slug (an admin key naming no workspace). */
export async function findProvidersInOrg(models: ReadModels, orgId: string, ref: string): Promise<ProviderDoc[]> {
  const providers = models.collection<ProviderDoc>('providers');
  const find = async () => {
    const byId = await providers.get(ref);
    if (byId) return byId.orgId === orgId ? [byId] : [];
    return (await providers.find('byOrgSlug', { eq: { orgId, slug: ref }, limit: 2 })).docs;
  };
  const found = await find();
  if (found.length) return found;
  await models.catchUp();
  return find();
}
