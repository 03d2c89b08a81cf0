/** Stream names of the keys service. */
export const Streams = {
  apiKey: (keyId: string) => `apiKey-${keyId}`,
  integration: (integrationId: string) => `integration-${integrationId}`,
  provider: (providerId: string) => `provider-${providerId}`,
  /** Integration slugs are unique per organisation. */
  integrationSlug: (orgId: string, slug: string) => `integrationSlug-${orgId}_${slug}`,
  /** Provider (and virtual-key) slugs are unique per workspace. */
  providerSlug: (workspaceId: string, slug: string) => `providerSlug-${workspaceId}_${slug}`,
};
