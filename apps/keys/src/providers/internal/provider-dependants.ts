import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '#libs/contracts';
import { commandMeta, WorkspaceDependants } from '#libs/messaging';
import type { IntegrationDoc, ProviderDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { IntegrationWriter } from '../../integrations/integration-writer.js';
import { ProviderRemoval } from '../provider-removal.js';

/**
 * Providers (virtual keys included) and workspace-scoped integrations are dependants of their
 * workspace: counted before it is deleted, removed (providers first, then the integrations they
 * might use) when the deletion is forced. Configs and prompts that name them are the workspaces
 * service's dependants and go before these.
 */
@Injectable()
export class ProviderDependants {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly removal: ProviderRemoval,
    private readonly integrations: IntegrationWriter,
    dependants: WorkspaceDependants,
  ) {
    dependants.register({
      label: 'virtual keys / providers',
      count: async (orgId, workspaceId) => {
        await this.projections.catchUp();
        return this.projections.collection<ProviderDoc>('providers').count('byWorkspace', { orgId, workspaceId });
      },
      remove: (orgId, workspaceId, context) => this.removeProviders(orgId, workspaceId, context),
    });
    dependants.register({
      label: 'workspace integrations',
      count: async (orgId, workspaceId) => {
        await this.projections.catchUp();
        return this.projections.collection<IntegrationDoc>('integrations').count('byWorkspace', { orgId, private: false, workspaceId });
      },
      remove: (orgId, workspaceId, context) => this.removeIntegrations(orgId, workspaceId, context),
    });
  }

  private async removeProviders(orgId: string, workspaceId: string, context: RequestContext): Promise<number> {
    await this.projections.catchUp();
    const { docs } = await this.projections.collection<ProviderDoc>('providers').find('byWorkspace', { eq: { orgId, workspaceId } });
    const { metadata, at } = commandMeta(context);
    let position = 0;
    for (const doc of docs) {
      position = Math.max(position, await this.tolerateGone(() => this.removal.remove(doc._id, 'workspace_deleted', { ...metadata, workspaceId }, at)));
    }
    return position;
  }

  private async removeIntegrations(orgId: string, workspaceId: string, context: RequestContext): Promise<number> {
    await this.projections.catchUp();
    const { docs } = await this.projections.collection<IntegrationDoc>('integrations').find('byWorkspace', { eq: { orgId, private: false, workspaceId } });
    const { metadata, at } = commandMeta(context);
    let position = 0;
    for (const doc of docs) {
      position = Math.max(position, await this.tolerateGone(() => this.integrations.delete(doc._id, 'workspace_deleted', { ...metadata, workspaceId }, at)));
    }
    return position;
  }

  /** Removed meanwhile by someone else: nothing left to do. */
  private async tolerateGone(remove: () => Promise<number>): Promise<number> {
    try {
      return await remove();
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      return 0;
    }
  }
}
