import { Injectable } from '@nestjs/common';
import type { LimitPolicyView, PolicyRpcRequest, RequestContext } from '#libs/contracts';
import { toLimitPolicyView } from '#libs/projections';
import { PolicyAccess } from '../policy-access.js';

/** GET /policies/{usage,rate}-limits/{id}: archived policies are found too (their status says so). */
@Injectable()
export class GetPolicyHandler {
  constructor(private readonly access: PolicyAccess) {}

  async execute(request: PolicyRpcRequest, context: RequestContext): Promise<LimitPolicyView> {
    const { doc } = await this.access.authorised(request.kind, request.id!, 'read', context);
    const view = toLimitPolicyView(doc);
    if (view.object === 'policy_usage_limits' && (request.payload as { include_usage?: unknown } | undefined)?.include_usage) view.value_key_usage_map = {};
    return view;
  }
}
