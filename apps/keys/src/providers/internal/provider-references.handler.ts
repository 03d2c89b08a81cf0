import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type MissingProviderRefsReply, type MissingProviderRefsRequest } from '#libs/contracts';
import type { ProviderDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';

/**
 * `ReferenceSubjects.missingProviderRefs`: which of the virtual-key and provider names a config
 * or prompt uses do not exist in its workspace. Virtual keys are providers, so both lists are
 * checked against the same read model, by slug or id; a leading `@` (the model catalogue's
 * `@provider-slug`) is ignored.
 */
@Injectable()
export class ProviderReferencesHandler {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionHost) {}

  async missing(request: MissingProviderRefsRequest): Promise<MissingProviderRefsReply> {
    checkShape(request);
    const all = [...new Set([...request.virtualKeys, ...request.providers])];
    let absent = await this.absent(request, all);
    if (absent.size) {
      // Created a moment ago through another request: catch up once before calling it missing.
      await this.projections.catchUp();
      absent = await this.absent(request, [...absent]);
    }
    return { virtualKeys: request.virtualKeys.filter((r) => absent.has(r)), providers: request.providers.filter((r) => absent.has(r)) };
  }

  private async absent(request: MissingProviderRefsRequest, refs: string[]): Promise<Set<string>> {
    const providers = this.projections.collection<ProviderDoc>('providers');
    const absent = new Set<string>();
    for (const ref of refs) {
      const name = ref.startsWith('@') ? ref.slice(1) : ref;
      const byId = name ? await providers.get(name) : null;
      const found =
        (byId && byId.orgId === request.orgId && byId.workspaceId === request.workspaceId ? byId : null) ??
        (name ? await providers.first('byWorkspaceSlug', { workspaceId: request.workspaceId, slug: name }) : null);
      if (!found || found.orgId !== request.orgId) absent.add(ref);
    }
    return absent;
  }
}

const refList = (v: unknown) => Array.isArray(v) && v.length <= 1000 && v.every((r) => typeof r === 'string' && r.length <= 200);

/** The request type is an interface shared by several services: its shape is checked here. */
function checkShape(request: MissingProviderRefsRequest): void {
  if (typeof request?.orgId !== 'string' || typeof request.workspaceId !== 'string' || !refList(request.virtualKeys) || !refList(request.providers)) {
    throw new DomainError('COMMON.VALIDATION', 'missingProviderRefs needs {orgId, workspaceId, virtualKeys: string[], providers: string[]}', 400);
  }
}
