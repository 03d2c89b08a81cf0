import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type RequestContext, type ResolvedProviderCredentials, type ResolveProviderCredentialsRequest } from '#libs/contracts';
import { findProviderInWorkspace } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { IntegrationWriter } from '../integrations/integration-writer.js';
import { providerNotFound } from '../providers/domain/provider.errors.js';
import { ProviderWriter } from '../providers/provider-writer.js';
import { configurationField } from './integration-secrets.js';
import { SecretVault } from './secret-vault.js';

/**
 * THE place a provider credential is decrypted. The completions path (a later issue) calls
 * `ProvidersSubjects.resolveCredentials` with the workspace and the `x-portkey-virtual-key` /
 * `x-portkey-provider` value, and gets back the provider's AI provider, key, configurations
 * (secret fields decrypted), custom host and models. Nothing else opens a sealed secret.
 *
 * State comes from the event streams (authoritative); the read model only finds the provider by
 * slug. A wrong master key fails loudly (500 SECRETS.MASTER_KEY_MISMATCH) and changes nothing.
 * Only system callers are answered: no HTTP route leads here.
 */
@Injectable()
export class ProviderCredentials {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly providers: ProviderWriter,
    private readonly integrations: IntegrationWriter,
    private readonly vault: SecretVault,
  ) {}

  async resolve(request: ResolveProviderCredentialsRequest, context: RequestContext): Promise<ResolvedProviderCredentials> {
    if (context.principal?.kind !== 'system') throw new DomainError('KEYS.INTERNAL_ONLY', 'provider credentials are resolved for internal callers only', 403, { errorCode: 'AB03' });
    const ref = request.ref.startsWith('@') ? request.ref.slice(1) : request.ref;
    const doc = await findProviderInWorkspace(this.projections, request.orgId, request.workspaceId, ref);
    if (!doc) throw providerNotFound(request.ref);
    const provider = await this.providers.load(doc._id);
    if (!provider.provider || provider.deleted) throw providerNotFound(request.ref);
    const state = await this.integrations.load(provider.provider.integrationId);
    const integration = state.integration;
    if (!integration || state.deleted) throw providerNotFound(request.ref);
    const { orgId, integrationId } = integration;
    const configurations: Record<string, unknown> = { ...(state.fields.configurations as Record<string, unknown>) };
    for (const [field, sealed] of Object.entries(state.secrets.sealedConfigurations)) {
      configurations[field] = JSON.parse(await this.vault.open(orgId, integrationId, configurationField(field), sealed));
    }
    return {
      providerId: doc._id,
      slug: doc.slug,
      workspaceId: doc.workspaceId,
      integrationId,
      aiProvider: integration.aiProviderId,
      apiKey: state.secrets.key ? await this.vault.open(orgId, integrationId, 'key', state.secrets.key) : null,
      configurations,
      customHost: typeof configurations.custom_host === 'string' ? configurations.custom_host : null,
      models: { allowAllModels: state.allowAllModels, models: state.models },
    };
  }
}
