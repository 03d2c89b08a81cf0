/** Stream names of the prompt library (workspaces service). */
export const LibraryStreams = {
  collection: (id: string) => `promptCollection-${id}`,
  prompt: (id: string) => `prompt-${id}`,
  partial: (id: string) => `promptPartial-${id}`,
  label: (id: string) => `promptLabel-${id}`,
  collectionSlug: (orgId: string, slug: string) => `collectionSlug-${orgId}_${slug}`,
  promptSlug: (orgId: string, slug: string) => `promptSlug-${orgId}_${slug}`,
  partialSlug: (orgId: string, slug: string) => `partialSlug-${orgId}_${slug}`,
};
