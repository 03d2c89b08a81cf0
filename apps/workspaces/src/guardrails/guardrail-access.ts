import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal, type AuthPrincipal } from '#libs/authz';
import type { RequestContext } from '#libs/contracts';
import { findGuardrailByRef, guardrailVersionId, type GuardrailDoc, type GuardrailVersionDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { assertCan, withinReach } from '../configs/workspace-scope.js';
import { guardrailNotFound } from './domain/guardrail.errors.js';

export type GuardrailVerb = 'create' | 'read' | 'update' | 'delete' | 'list';

/** Workspace guardrails need `guardrails.*`; organisation-level ones `organisation_guardrails.*` (admin keys). */
export const guardrailAction = (workspaceId: string | null, verb: GuardrailVerb) =>
  `${workspaceId === null ? 'organisation_guardrails' : 'guardrails'}.${verb}`;

/**
 * Finding a guardrail by uuid or slug within what the caller can reach (else 404 AB08) and
 * applying the policy engine for its level. Workspace keys reach only their workspace's
 * guardrails, so their permission is checked before anything is looked up.
 */
@Injectable()
export class GuardrailAccess {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionHost) {}

  async authorised(ref: string, verb: 'read' | 'update' | 'delete', context: RequestContext): Promise<{ doc: GuardrailDoc; principal: AuthPrincipal }> {
    const principal = authPrincipal(context);
    if (principal.keyType !== 'organisation-service') assertCan(principal, `guardrails.${verb}`, { orgId: principal.orgId });
    await this.projections.waitFor(context.minPosition);
    const doc = await findGuardrailByRef(this.projections, principal.orgId, ref);
    if (!doc || !withinReach(principal, doc.orgId, doc.workspaceId)) throw guardrailNotFound(ref);
    assertCan(principal, guardrailAction(doc.workspaceId, verb), { orgId: doc.orgId, workspaceId: doc.workspaceId });
    return { doc, principal };
  }

  async version(doc: GuardrailDoc, version: number | undefined, ref: string): Promise<GuardrailVersionDoc> {
    const versions = this.projections.collection<GuardrailVersionDoc>('guardrail_versions');
    const id = guardrailVersionId(doc._id, version ?? doc.version);
    let found = await versions.get(id);
    if (!found) {
      // Each read model follows the feed on its own: the versions may trail the guardrail by a moment.
      await this.projections.catchUp();
      found = await versions.get(id);
    }
    if (!found) throw guardrailNotFound(version ? `${ref} version ${version}` : ref);
    return found;
  }
}
