import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal, type AuthPrincipal } from '#libs/authz';
import type { RequestContext } from '#libs/contracts';
import { findProviderInWorkspace, findProvidersInOrg, type ProviderDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { authorise, targetWorkspace } from '../shared/workspace-target.js';
import { ambiguousSlug, providerNotFound } from './domain/provider.errors.js';

/**
 * Finding a provider (or virtual key) for an operation: by id or slug, in the named workspace
 * (`workspace_id`), the caller's own (workspace keys), or, for an admin key naming none, anywhere
 * in its organisation when the slug is unambiguous. Then authorised for the provider's workspace.
 */
@Injectable()
export class ProviderLookup {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionHost) {}

  async find(
    ref: string,
    workspaceRef: string | undefined,
    action: string,
    context: RequestContext,
    what: 'provider' | 'virtual key' = 'provider',
  ): Promise<{ doc: ProviderDoc; principal: AuthPrincipal }> {
    const principal = authPrincipal(context);
    await this.projections.waitFor(context.minPosition);
    let doc: ProviderDoc | null;
    if (principal.keyType !== 'organisation-service' || workspaceRef) {
      const ws = (await targetWorkspace(this.projections, principal, workspaceRef, context, 'none'))!;
      doc = await findProviderInWorkspace(this.projections, principal.orgId, ws._id, ref);
    } else {
      const found = await findProvidersInOrg(this.projections, principal.orgId, ref);
      if (found.length > 1) throw ambiguousSlug(ref);
      doc = found[0] ?? null;
    }
    if (!doc) throw providerNotFound(ref, what);
    authorise(principal, action, doc.workspaceId);
    return { doc, principal };
  }
}
