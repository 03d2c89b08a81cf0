import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type RequestContext, type ResolveConfigForCompletionRequest, type ResolvedCompletionConfig } from '#libs/contracts';
import { findConfigByRef } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { ConfigAccess } from '../config-access.js';
import { configNotFound } from '../domain/config.errors.js';

/**
 * The completions path's config lookup (the gateway caches the answer, push-invalidated). Only
 * system callers are answered; the workspace is the calling key's, so a key of workspace A never
 * gets B's config: a config of another workspace is "not found".
 */
@Injectable()
export class ResolveConfigForCompletionHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly access: ConfigAccess,
  ) {}

  async execute(request: ResolveConfigForCompletionRequest, context: RequestContext): Promise<ResolvedCompletionConfig> {
    if (context.principal?.kind !== 'system') throw new DomainError('WORKSPACES.INTERNAL_ONLY', 'configs are resolved for completions by internal callers only', 403, { errorCode: 'AB03' });
    await this.projections.waitFor(context.minPosition);
    const doc = await findConfigByRef(this.projections, request.orgId, request.ref);
    if (!doc || doc.workspaceId !== request.workspaceId || doc.status !== 'active') throw configNotFound(request.ref);
    const version = await this.access.version(doc, undefined, request.ref);
    return { id: doc._id, slug: doc.slug, workspaceId: doc.workspaceId, config: version.configJson };
  }
}
