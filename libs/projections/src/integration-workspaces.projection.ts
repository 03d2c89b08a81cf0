import type { ProviderEvents } from '#libs/contracts';
import type { ProjectedDocument, ProjectionDefinition } from '#libs/read-models';

/** One organisation integration's access entry for one workspace. */
export interface IntegrationWorkspaceDoc extends ProjectedDocument {
  orgId: string;
  integrationId: string;
  workspaceId: string;
  enabled: boolean;
  usageLimits: unknown[];
  rateLimits: unknown[];
  createdAt: string;
  lastUpdatedAt: string;
}

export const integrationWorkspaceId = (integrationId: string, workspaceId: string) => `${integrationId}:${workspaceId}`;

/** Per-workspace access to organisation integrations (`/integrations/{slug}/workspaces`). */
export const integrationWorkspacesProjection: ProjectionDefinition<IntegrationWorkspaceDoc> = {
  name: 'integration-workspaces-projection',
  collection: 'integration_workspaces',
  categories: ['integration'],
  keysOf: (event) => {
    switch (event.type) {
      case 'IntegrationWorkspaceAccessChanged': {
        const d = event.data as ProviderEvents.IntegrationWorkspaceAccessChanged;
        return [...d.workspaces.map((w) => w.workspaceId), ...d.removedWorkspaceIds].map((w) => integrationWorkspaceId(d.integrationId, w));
      }
      case 'IntegrationDeleted': {
        const d = event.data as ProviderEvents.IntegrationDeleted;
        return d.accessWorkspaceIds.map((w) => integrationWorkspaceId(d.integrationId, w));
      }
      default:
        return [];
    }
  },
  evolve: (doc, event, key) => {
    switch (event.type) {
      case 'IntegrationWorkspaceAccessChanged': {
        const d = event.data as ProviderEvents.IntegrationWorkspaceAccessChanged;
        const entry = d.workspaces.find((w) => integrationWorkspaceId(d.integrationId, w.workspaceId) === key);
        if (!entry) return null;
        return {
          _id: key,
          orgId: d.orgId,
          integrationId: d.integrationId,
          workspaceId: entry.workspaceId,
          enabled: entry.enabled,
          usageLimits: entry.usage_limits,
          rateLimits: entry.rate_limits,
          createdAt: doc?.createdAt ?? d.at,
          lastUpdatedAt: d.at,
        };
      }
      case 'IntegrationDeleted':
        return null;
      default:
        return doc;
    }
  },
  indexes: {
    // GET /integrations/{slug}/workspaces, in the order access was first given.
    byIntegration: ['integrationId', 'createdAt'],
    // Which organisation integrations a workspace was given (or refused) access to.
    byWorkspace: ['orgId', 'workspaceId', 'enabled', 'createdAt'],
  },
};
