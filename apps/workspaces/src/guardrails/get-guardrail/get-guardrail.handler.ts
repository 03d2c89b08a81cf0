import { Injectable } from '@nestjs/common';
import type { GuardrailRefRequest, GuardrailView, RequestContext } from '#libs/contracts';
import { toGuardrailView } from '#libs/projections';
import { GuardrailAccess } from '../guardrail-access.js';

/** GET /guardrails/{uuid|slug}[?version=N]: checks and actions exactly as sent. */
@Injectable()
export class GetGuardrailHandler {
  constructor(private readonly access: GuardrailAccess) {}

  async execute(request: GuardrailRefRequest, context: RequestContext): Promise<GuardrailView> {
    const { doc } = await this.access.authorised(request.ref, 'read', context);
    return toGuardrailView(doc, await this.access.version(doc, request.version, request.ref));
  }
}
