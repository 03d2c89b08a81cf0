import { Inject, Injectable } from '@nestjs/common';
import type { RequestContext } from '#libs/contracts';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { requireOrg } from '#libs/authz';
import { workspaceNotFound } from './domain/workspace.errors.js';
import { findWorkspaceByRef, type WorkspaceDoc } from '#libs/projections';

/** Finds a workspace by id or slug, within the caller's organisation only. */
@Injectable()
export class WorkspaceLookup {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  /** Any organisation: for internal resolution (the caller compares organisations). */
  async byRef(ref: string, minPosition?: number): Promise<WorkspaceDoc | null> {
    await this.projections.waitFor(minPosition);
    return findWorkspaceByRef(this.projections, ref);
  }

  async inCallersOrg(ref: string, context: RequestContext): Promise<WorkspaceDoc> {
    const doc = await this.byRef(ref, context.minPosition);
    if (!doc || doc.orgId !== requireOrg(context)) throw workspaceNotFound(ref);
    return doc;
  }
}
