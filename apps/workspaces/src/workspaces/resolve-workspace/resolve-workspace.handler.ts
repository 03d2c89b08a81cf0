import { Injectable } from '@nestjs/common';
import type { RequestContext, ResolvedWorkspace } from '#libs/contracts';
import { WorkspaceLookup } from '../workspace-lookup.js';

/** Internal: id or slug → where the workspace lives; null when there is no such workspace. */
@Injectable()
export class ResolveWorkspaceHandler {
  constructor(private readonly lookup: WorkspaceLookup) {}

  async execute(ref: string, context: RequestContext): Promise<ResolvedWorkspace | null> {
    const doc = await this.lookup.byRef(ref, context.minPosition);
    return doc && { id: doc._id, orgId: doc.orgId, slug: doc.slug, name: doc.name, status: doc.status, isDefault: doc.isDefault };
  }
}
