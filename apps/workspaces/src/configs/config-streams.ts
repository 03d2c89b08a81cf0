/** Stream names of configs (workspaces service). */
export const ConfigStreams = {
  config: (configId: string) => `config-${configId}`,
  slug: (orgId: string, slug: string) => `configSlug-${orgId}_${slug}`,
  /** Which config is the workspace's default: one stream per workspace, so there is only ever one. */
  defaultOf: (workspaceId: string) => `configDefault-${workspaceId}`,
};
