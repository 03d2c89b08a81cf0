import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal, type AuthPrincipal } from '#libs/authz';
import type { RequestContext } from '#libs/contracts';
import { findIntegrationByRef, type IntegrationDoc } from '#libs/projections';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { authorise } from '../shared/workspace-target.js';
import { integrationNotFound } from './domain/integration.errors.js';
import type { IntegrationState } from './domain/integration.decider.js';
import { IntegrationWriter } from './integration-writer.js';

export type IntegrationVerb = 'read' | 'update' | 'delete';

/** The scope an operation on this integration needs: organisation or workspace integrations. */
export function integrationAction(doc: { workspaceId: string | null }, verb: IntegrationVerb | 'create' | 'list'): string {
  return `${doc.workspaceId ? 'workspace_integrations' : 'organisation_integrations'}.${verb}`;
}

/**
 * Loading an integration for an operation: by id or slug in the caller's organisation (another
 * organisation's, and the private ones behind virtual keys, are "not found"), authorised by the
 * policy engine for its kind and workspace.
 */
@Injectable()
export class IntegrationAccess {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly writer: IntegrationWriter,
  ) {}

  async authorised(ref: string, verb: IntegrationVerb, context: RequestContext): Promise<{ doc: IntegrationDoc; principal: AuthPrincipal }> {
    const principal = authPrincipal(context);
    await this.projections.waitFor(context.minPosition);
    const doc = await findIntegrationByRef(this.projections, principal.orgId, ref);
    if (!doc || doc.private) throw integrationNotFound(ref);
    authorise(principal, integrationAction(doc, verb), doc.workspaceId);
    return { doc, principal };
  }

  /** As `authorised`, with the authoritative state from the integration's stream. */
  async forCommand(ref: string, verb: IntegrationVerb, context: RequestContext): Promise<{ doc: IntegrationDoc; state: IntegrationState; principal: AuthPrincipal }> {
    const found = await this.authorised(ref, verb, context);
    const state = await this.writer.load(found.doc._id);
    if (!state.integration || state.deleted) throw integrationNotFound(ref);
    return { ...found, state };
  }
}
