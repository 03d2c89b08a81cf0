import { Injectable } from '@nestjs/common';
import type { IntegrationView, RequestContext } from '#libs/contracts';
import { toIntegrationView } from '#libs/projections';
import { IntegrationAccess } from '../integration-access.js';

/** GET /integrations/{slug}: masked key and configurations (secret fields masked). */
@Injectable()
export class GetIntegrationHandler {
  constructor(private readonly access: IntegrationAccess) {}

  async execute(ref: string, context: RequestContext): Promise<IntegrationView> {
    const { doc } = await this.access.authorised(ref, 'read', context);
    return toIntegrationView(doc);
  }
}
