import { Inject, Injectable } from '@nestjs/common';
import { requireOrg } from '#libs/authz';
import type { RequestContext } from '#libs/contracts';
import type { WorkspaceDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectedDocument, type ProjectionHost } from '#libs/read-models';
import { workspaceNotFound } from '../workspaces/domain/workspace.errors.js';
import { WorkspaceLookup } from '../workspaces/workspace-lookup.js';
import { outsideWorkspace } from './library.errors.js';

/** Where a library resource lives: every one has an organisation, most a workspace. */
export interface Placed {
  orgId: string;
  workspaceId: string | null;
}

/**
 * Tenancy of the prompt library. The edge has checked the caller's scopes and any workspace a
 * request names; this decides which workspace an unnamed one means and hides what lies outside
 * the caller's reach (another organisation's, or for workspace keys another workspace's) as
 * "not found".
 */
@Injectable()
export class LibraryAccess {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly workspaces: WorkspaceLookup,
  ) {}

  /**
   * The workspace a create or list acts in: the one named, else a workspace key's own, else (admin
   * keys) the organisation's default workspace, as analytics does (reference §2.13).
   */
  async workspaceFor(context: RequestContext, named?: string | null): Promise<WorkspaceDoc> {
    const pinned = context.principal?.workspaceId ?? null;
    const ref = named || pinned;
    if (!ref) return this.defaultWorkspace(requireOrg(context));
    const ws = await this.workspaces.inCallersOrg(ref, context);
    if (pinned && ws._id !== pinned) throw outsideWorkspace('workspace API keys act only inside their own workspace');
    return ws;
  }

  /**
   * What a list covers: the named workspace, else a workspace key's own, else (admin keys) the
   * whole organisation. Terraform's list data sources send no `workspace_id` and read "all".
   */
  async listScope(context: RequestContext, named?: string | null): Promise<{ orgId: string; workspace: WorkspaceDoc | null }> {
    const orgId = requireOrg(context);
    if (!named && !context.principal?.workspaceId) return { orgId, workspace: null };
    return { orgId, workspace: await this.workspaceFor(context, named) };
  }

  async workspaceById(workspaceId: string, context: RequestContext): Promise<WorkspaceDoc> {
    return this.workspaces.inCallersOrg(workspaceId, context);
  }

  async defaultWorkspace(orgId: string): Promise<WorkspaceDoc> {
    const workspaces = this.projections.collection<WorkspaceDoc>('workspaces');
    const find = () => workspaces.first('byOrg', { orgId }, { isDefault: true });
    const ws = (await find()) ?? (await this.projections.catchUp().then(find));
    if (!ws) throw workspaceNotFound('default');
    return ws;
  }

  /** Whether the caller may see it: same organisation; for workspace keys, their workspace or the organisation's own. */
  reaches(context: RequestContext, resource: Placed): boolean {
    const p = context.principal;
    if (!p || p.kind === 'system') return true;
    if (resource.orgId !== p.orgId) return false;
    return !p.workspaceId || resource.workspaceId === null || resource.workspaceId === p.workspaceId;
  }

  /** Admin keys act on organisation-level resources; workspace keys only read them. */
  isAdminKey(context: RequestContext): boolean {
    return context.principal?.keyType === 'organisation-service' || context.principal?.kind === 'system';
  }

  /**
   * A resource by id or slug (`bySlug: [slug, orgId]`), within the caller's reach, or null. A miss
   * catches the read models up once: something created a moment ago elsewhere is found.
   */
  async find<Doc extends ProjectedDocument & Placed>(collection: string, ref: string, context: RequestContext, options: { slugs?: boolean } = {}): Promise<Doc | null> {
    await this.projections.waitFor(context.minPosition);
    const docs = this.projections.collection<Doc>(collection);
    const orgId = requireOrg(context);
    const look = async () => (await docs.get(ref)) ?? (options.slugs === false ? null : await docs.first('bySlug', { slug: ref, orgId }));
    const doc = (await look()) ?? (await this.projections.catchUp().then(look));
    return doc && this.reaches(context, doc) ? doc : null;
  }

  /** Waits for the caller's own writes before a list. */
  async settle(context: RequestContext): Promise<ProjectionHost> {
    await this.projections.waitFor(context.minPosition);
    return this.projections;
  }
}
