/** Stream names of the workspaces service. */
export const Streams = {
  workspace: (workspaceId: string) => `workspace-${workspaceId}`,
  slug: (orgId: string, slug: string) => `wsSlug-${orgId}_${slug}`,
};
