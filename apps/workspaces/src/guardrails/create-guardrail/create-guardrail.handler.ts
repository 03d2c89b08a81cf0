import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { authPrincipal, type AuthPrincipal } from '#libs/authz';
import {
  assertNoProblem,
  guardrailActionsProblem,
  schemaError,
  type CommandResult,
  type CreateGuardrailBody,
  type GuardrailIdsView,
  type RequestContext,
} from '#libs/contracts';
import { EVENT_STORE, handleCommand, type EventStore } from '#libs/event-store';
import { commandMeta } from '#libs/messaging';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { actorOf } from '../../configs/config-access.js';
import { reserveSlug } from '../../configs/reserve-slug.js';
import { assertCan, denied, targetWorkspace } from '../../configs/workspace-scope.js';
import { guardrailDecider } from '../domain/guardrail.decider.js';
import { guardrailSlugUnavailable } from '../domain/guardrail.errors.js';
import { guardrailSlug } from '../domain/guardrail-slug.js';
import { guardrailAction } from '../guardrail-access.js';
import { GuardrailStreams } from '../guardrail-streams.js';
import { plainChecks } from '../plain-checks.js';

/**
 * POST /guardrails: in a workspace (`workspace_id`, or a workspace key's own), or — an admin key
 * naming only `organisation_id` — at organisation level. Checks are validated against the known
 * check ids; actions are kept as sent.
 */
@Injectable()
export class CreateGuardrailHandler {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
  ) {}

  async execute(request: CreateGuardrailBody, context: RequestContext): Promise<CommandResult<GuardrailIdsView>> {
    const principal = authPrincipal(context);
    await this.projections.waitFor(context.minPosition);
    const workspaceId = await this.level(request, principal);
    assertCan(principal, guardrailAction(workspaceId, 'create'), { orgId: principal.orgId, workspaceId });
    assertNoProblem(guardrailActionsProblem(request.actions));

    const guardrailId = randomUUID();
    const versionId = randomUUID();
    const orgId = principal.orgId;
    const { metadata, at } = commandMeta(context, { workspaceId, resourceId: guardrailId });
    const slug = await reserveSlug(this.store, {
      make: () => guardrailSlug(request.name),
      stream: (s) => GuardrailStreams.slug(orgId, s),
      eventType: 'GuardrailSlugReserved',
      data: (s) => ({ orgId, slug: s, guardrailId, at }),
      metadata,
    });
    if (!slug) throw guardrailSlugUnavailable();
    const result = await handleCommand(
      this.store,
      GuardrailStreams.guardrail(guardrailId),
      guardrailDecider,
      {
        type: 'CreateGuardrail',
        guardrailId,
        orgId,
        workspaceId,
        slug,
        name: request.name,
        checks: plainChecks(request.checks),
        actions: request.actions,
        versionId,
        by: actorOf(principal),
        at,
      },
      { metadata },
    );
    return { data: { id: guardrailId, slug, version_id: versionId }, position: result.position };
  }

  /** The guardrail's workspace, or null for an organisation-level one. */
  private async level(request: CreateGuardrailBody, principal: AuthPrincipal): Promise<string | null> {
    if (request.organisation_id && request.organisation_id !== principal.orgId) {
      throw denied(`organisation ${request.organisation_id} is not accessible with this key`);
    }
    if (!request.workspace_id && request.organisation_id) return null;
    const ws = await targetWorkspace(this.projections, principal, request.workspace_id);
    if (!ws) throw schemaError({ path: 'workspace_id', message: 'is required (or organisation_id, for an organisation-level guardrail)' });
    return ws._id;
  }
}
