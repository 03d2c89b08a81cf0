import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal, type AuthPrincipal } from '#libs/authz';
import type { RequestContext } from '#libs/contracts';
import { configVersionId, findConfigByRef, findWorkspaceByRef, type ConfigDoc, type ConfigVersionDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { configNotFound } from './domain/config.errors.js';
import { assertCan, denied, withinReach } from './workspace-scope.js';

export type ConfigVerb = 'read' | 'update' | 'delete';

/**
 * Finding a config for an operation by uuid or slug, within what the caller can reach (else 404
 * AB08), and applying the policy engine to its workspace. The permission is checked first, so a
 * key without it learns nothing about which configs exist.
 */
@Injectable()
export class ConfigAccess {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionHost) {}

  async authorised(ref: string, verb: ConfigVerb, context: RequestContext, namedWorkspace?: string): Promise<{ doc: ConfigDoc; principal: AuthPrincipal }> {
    const principal = authPrincipal(context);
    const action = `configs.${verb}`;
    assertCan(principal, action, { orgId: principal.orgId });
    await this.projections.waitFor(context.minPosition);
    const doc = await findConfigByRef(this.projections, principal.orgId, ref);
    if (!doc || !withinReach(principal, doc.orgId, doc.workspaceId)) throw configNotFound(ref);
    if (namedWorkspace) {
      const ws = await findWorkspaceByRef(this.projections, namedWorkspace);
      if (principal.keyType !== 'organisation-service' && ws?._id !== principal.workspaceId) throw denied('workspace API keys act only inside their own workspace');
      if (ws?._id !== doc.workspaceId) throw configNotFound(ref);
    }
    assertCan(principal, action, { orgId: doc.orgId, workspaceId: doc.workspaceId });
    return { doc, principal };
  }

  /** A version of the config (the current one unless `version` is given). */
  async version(doc: ConfigDoc, version: number | undefined, ref: string): Promise<ConfigVersionDoc> {
    const versions = this.projections.collection<ConfigVersionDoc>('config_versions');
    const id = configVersionId(doc._id, version ?? doc.version);
    let found = await versions.get(id);
    if (!found) {
      // Each read model follows the feed on its own: the versions may trail the config by a moment.
      await this.projections.catchUp();
      found = await versions.get(id);
    }
    if (!found) throw configNotFound(version ? `${ref} version ${version}` : ref);
    return found;
  }
}

/** Who an event says did it: the user behind the key, else the key itself. */
export function actorOf(principal: AuthPrincipal): string {
  return principal.userId ?? principal.keyId;
}
