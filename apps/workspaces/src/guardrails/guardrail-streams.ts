/** Stream names of guardrails (workspaces service). */
export const GuardrailStreams = {
  guardrail: (guardrailId: string) => `guardrail-${guardrailId}`,
  slug: (orgId: string, slug: string) => `guardrailSlug-${orgId}_${slug}`,
};
