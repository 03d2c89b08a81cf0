import { Injectable } from '@nestjs/common';
import type { ConfigRefRequest, ConfigView, RequestContext } from '#libs/contracts';
import { toConfigView } from '#libs/projections';
import { ConfigAccess } from '../config-access.js';

/** GET /configs/{slug|id}[?version=N]: the live config, or exactly what version N was. */
@Injectable()
export class GetConfigHandler {
  constructor(private readonly access: ConfigAccess) {}

  async execute(request: ConfigRefRequest, context: RequestContext): Promise<ConfigView> {
    const { doc } = await this.access.authorised(request.ref, 'read', context, request.workspace_id);
    return toConfigView(doc, await this.access.version(doc, request.version, request.ref));
  }
}
