import { isSecretConfigurationField, type ProviderEvents } from '#libs/contracts';
import type { EventMetadata } from '#libs/event-store';
import { maskSecret } from '#libs/secrets';
import type { SecretVault } from './secret-vault.js';

/** `configurations` split into what is stored as given and what is stored sealed. */
export function splitConfigurations(configurations: Record<string, unknown> | null | undefined) {
  const plain: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(configurations ?? {})) {
    if (isSecretConfigurationField(field) && value !== null && value !== '') secret[field] = value;
    else plain[field] = value;
  }
  return { plain, secret };
}

export const configurationField = (field: string) => `configurations.${field}`;

/**
 * Seals an integration's credentials: the key and the secret configuration fields (as JSON
 * text). On an update, a key left out keeps its value (`key: null` removes it) and a secret field
 * sent back as its masked form keeps its sealed value, so a client can echo what it read.
 */
export async function sealIntegrationSecrets(
  vault: SecretVault,
  target: { orgId: string; integrationId: string },
  input: { key?: string | null; secretConfigurations?: Record<string, unknown> },
  previous: ProviderEvents.IntegrationSecrets | null,
  metadata: EventMetadata,
): Promise<ProviderEvents.IntegrationSecrets> {
  const { orgId, integrationId } = target;
  let key = previous?.key ?? null;
  let maskedKey = previous?.maskedKey ?? null;
  if (input.key === null || input.key === '') {
    key = null;
    maskedKey = null;
  } else if (typeof input.key === 'string' && input.key !== previous?.maskedKey) {
    key = await vault.seal(orgId, integrationId, 'key', input.key, metadata);
    maskedKey = maskSecret(input.key);
  }
  const sealedConfigurations: Record<string, ProviderEvents.SealedSecret> = {};
  const maskedConfigurations: Record<string, string> = {};
  const fields = input.secretConfigurations ?? (previous ? null : {});
  if (fields === null) return { key, maskedKey, sealedConfigurations: previous!.sealedConfigurations, maskedConfigurations: previous!.maskedConfigurations };
  for (const [field, value] of Object.entries(fields)) {
    const kept = previous?.sealedConfigurations[field];
    if (kept && value === previous!.maskedConfigurations[field]) {
      sealedConfigurations[field] = kept;
      maskedConfigurations[field] = previous!.maskedConfigurations[field]!;
      continue;
    }
    sealedConfigurations[field] = await vault.seal(orgId, integrationId, configurationField(field), JSON.stringify(value), metadata);
    maskedConfigurations[field] = maskSecret(value);
  }
  return { key, maskedKey, sealedConfigurations, maskedConfigurations };
}
