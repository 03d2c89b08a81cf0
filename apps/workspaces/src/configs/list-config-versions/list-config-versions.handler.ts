import { Inject, Injectable } from '@nestjs/common';
import { pageOf, type ConfigView, type ListConfigVersionsRequest, type ListResponse, type RequestContext } from '#libs/contracts';
import { toConfigView, type ConfigVersionDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { ConfigAccess } from '../config-access.js';

/** GET /configs/{slug}/versions: every version, newest first, each as GET `?version=N` shows it. */
@Injectable()
export class ListConfigVersionsHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly access: ConfigAccess,
  ) {}

  async execute(request: ListConfigVersionsRequest, context: RequestContext): Promise<ListResponse<ConfigView>> {
    const { doc } = await this.access.authorised(request.ref, 'read', context, request.workspace_id);
    const { skip, limit } = pageOf(request.query.page_size, request.query.current_page);
    const { total, docs } = await this.projections
      .collection<ConfigVersionDoc>('config_versions')
      .find('byConfig', { eq: { configId: doc._id }, reverse: true, skip, limit });
    return { object: 'list', total, data: docs.map((v) => toConfigView(doc, v)) };
  }
}
