import { Inject, Injectable } from '@nestjs/common';
import type { CommandResult, RefUser, RequestContext } from '#libs/contracts';
import { commandMeta } from '#libs/messaging';
import type { ProviderDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { inUse } from '../domain/integration.errors.js';
import { IntegrationAccess } from '../integration-access.js';
import { IntegrationWriter } from '../integration-writer.js';

/** DELETE /integrations/{slug}: refused (409 AB07, naming them) while providers use it. */
@Injectable()
export class DeleteIntegrationHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly access: IntegrationAccess,
    private readonly writer: IntegrationWriter,
  ) {}

  async execute(ref: string, context: RequestContext): Promise<CommandResult<Record<string, never>>> {
    const { doc } = await this.access.forCommand(ref, 'delete', context);
    // A provider created a moment ago through someone else must count.
    await this.projections.catchUp();
    const users = await this.projections.collection<ProviderDoc>('providers').find('byIntegration', { eq: { integrationId: doc._id }, limit: 20 });
    if (users.total) {
      const named: RefUser[] = users.docs.map((p) => ({ type: p.kind === 'virtual-key' ? 'virtual_key' : 'provider', id: p._id, name: p.slug }));
      throw inUse('integration', doc.slug, named, users.total);
    }
    const { metadata, at } = commandMeta(context, { workspaceId: doc.workspaceId, resourceId: doc._id });
    return { data: {}, position: await this.writer.delete(doc._id, 'deleted', metadata, at) };
  }
}
