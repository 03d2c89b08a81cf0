import { Inject, Injectable } from '@nestjs/common';
import type { PortcullisConfig } from '#libs/config';
import type { ProviderView, VirtualKeyView } from '#libs/contracts';
import { toProviderView, toVirtualKeyView, type IntegrationDoc, type ProviderDoc, type WorkspaceDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { KEYS_CONFIG } from '../pepper.js';

/** Wire shapes of providers: joined with their integrations (slug, masked key) in one read. */
@Injectable()
export class ProviderViews {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    @Inject(KEYS_CONFIG) private readonly config: PortcullisConfig,
  ) {}

  async providers(docs: ProviderDoc[]): Promise<ProviderView[]> {
    const integrations = await this.integrations(docs);
    const now = this.config.clock();
    return docs.map((d) => toProviderView(d, integrations.get(d.integrationId) ?? null, now));
  }

  async virtualKeys(docs: ProviderDoc[]): Promise<VirtualKeyView[]> {
    const integrations = await this.integrations(docs);
    const workspaceIds = [...new Set(docs.map((d) => d.workspaceId))];
    const workspaces = new Map((await this.projections.collection<WorkspaceDoc>('workspaces').getMany(workspaceIds)).map((w) => [w._id, w.name]));
    const now = this.config.clock();
    return docs.map((d) => toVirtualKeyView(d, integrations.get(d.integrationId) ?? null, workspaces.get(d.workspaceId) ?? null, now));
  }

  private async integrations(docs: ProviderDoc[]): Promise<Map<string, IntegrationDoc>> {
    const ids = [...new Set(docs.map((d) => d.integrationId))];
    return new Map((await this.projections.collection<IntegrationDoc>('integrations').getMany(ids)).map((i) => [i._id, i]));
  }
}
