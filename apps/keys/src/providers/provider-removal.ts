import { Injectable } from '@nestjs/common';
import type { ProviderEvents, RequestContext } from '#libs/contracts';
import type { EventMetadata } from '#libs/event-store';
import type { ProviderDoc } from '#libs/projections';
import { inUse } from '../integrations/domain/integration.errors.js';
import { IntegrationWriter } from '../integrations/integration-writer.js';
import { ReferenceUsers } from '../shared/reference-users.js';
import { ProviderWriter } from './provider-writer.js';

/** Deleting a provider or virtual key: refused while configs or prompts name it; a virtual key takes its private integration along. */
@Injectable()
export class ProviderRemoval {
  constructor(
    private readonly providers: ProviderWriter,
    private readonly integrations: IntegrationWriter,
    private readonly references: ReferenceUsers,
  ) {}

  /** 409 AB07 naming the configs and prompts that refer to it (by id, slug or `@slug`). */
  async ensureUnused(doc: ProviderDoc, context: RequestContext, what: string): Promise<void> {
    const users = await this.references.ofProvider(doc.orgId, doc.workspaceId, [doc._id, doc.slug, `@${doc.slug}`], context);
    if (users.length) throw inUse(what, doc.slug, users);
  }

  async remove(providerId: string, reason: ProviderEvents.ProviderDeleted['reason'], metadata: EventMetadata, at: string): Promise<number> {
    const { position, provider } = await this.providers.delete(providerId, reason, metadata, at);
    if (provider.kind !== 'virtual-key') return position;
    const integration = await this.integrations.load(provider.integrationId);
    if (!integration.integration?.private || integration.deleted) return position;
    return Math.max(position, await this.integrations.delete(provider.integrationId, reason, metadata, at));
  }
}
