import { Inject, Injectable } from '@nestjs/common';
import {
  ReferenceSubjects,
  referencePath,
  schemaError,
  type ConfigReferences,
  type MissingProviderRefsReply,
  type MissingProviderRefsRequest,
  type RequestContext,
} from '#libs/contracts';
import { findGuardrailByRef } from '#libs/projections';
import { RpcClient, systemContext } from '#libs/messaging';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';

/**
 * What a config names must exist where the config lives: saved guardrails of its workspace (or
 * of its organisation) in this service's read model; virtual keys and providers in the keys
 * service. A missing one is a 400 naming the field. The keys service not answering is its
 * failure (503), never taken to mean "missing".
 */
@Injectable()
export class ConfigReferenceCheck {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly rpc: RpcClient,
  ) {}

  async assertExist(config: unknown, refs: ConfigReferences, where: { orgId: string; workspaceId: string }, context: RequestContext): Promise<void> {
    for (const ref of refs.guardrails) {
      const guardrail = await findGuardrailByRef(this.projections, where.orgId, ref);
      if (!guardrail || (guardrail.workspaceId !== null && guardrail.workspaceId !== where.workspaceId)) {
        throw schemaError({ path: referencePath(config, 'guardrails', ref), message: `guardrail ${ref} does not exist in this workspace` });
      }
    }
    if (!refs.virtualKeys.length && !refs.providers.length) return;
    const request: MissingProviderRefsRequest = { ...where, virtualKeys: refs.virtualKeys, providers: refs.providers };
    const missing = await this.rpc.call<MissingProviderRefsReply>(ReferenceSubjects.missingProviderRefs, request, systemContext(context));
    const vk = missing.virtualKeys?.[0];
    if (vk !== undefined) throw schemaError({ path: referencePath(config, 'virtualKeys', vk), message: `virtual key ${vk} does not exist in this workspace` });
    const provider = missing.providers?.[0];
    if (provider !== undefined) throw schemaError({ path: referencePath(config, 'providers', provider), message: `provider @${provider} does not exist in this workspace` });
  }
}
