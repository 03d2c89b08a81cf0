import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal, can } from '#libs/authz';
import { GUARDRAILS_DEFAULT_PAGE_SIZE, pageOf, type GuardrailListView, type ListGuardrailsQuery, type RequestContext } from '#libs/contracts';
import { toGuardrailSummaryView, type GuardrailDoc } from '#libs/projections';
import { PROJECTIONS, type Page, type ProjectionHost } from '#libs/read-models';
import { assertCan, denied, targetWorkspace } from '../../configs/workspace-scope.js';

/**
 * GET /guardrails: a workspace's guardrails (`workspace_id`, or a workspace key's own); with an
 * admin key, `organisation_id` alone lists the organisation-level ones, and nothing at all lists
 * every guardrail of the organisation (the organisation-level ones only with that permission).
 */
@Injectable()
export class ListGuardrailsHandler {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionHost) {}

  async execute(query: ListGuardrailsQuery, context: RequestContext): Promise<GuardrailListView> {
    const principal = authPrincipal(context);
    const orgId = principal.orgId;
    if (query.organisation_id && query.organisation_id !== orgId) throw denied(`organisation ${query.organisation_id} is not accessible with this key`);
    await this.projections.waitFor(context.minPosition);
    const { skip, limit } = pageOf(query.page_size ?? GUARDRAILS_DEFAULT_PAGE_SIZE, query.current_page);
    const guardrails = this.projections.collection<GuardrailDoc>('guardrails');
    let page: Page<GuardrailDoc>;
    if (!query.workspace_id && query.organisation_id) {
      assertCan(principal, 'organisation_guardrails.list', { orgId });
      page = await guardrails.find('byWorkspace', { eq: { orgId, workspaceId: null }, skip, limit });
    } else {
      const ws = await targetWorkspace(this.projections, principal, query.workspace_id);
      assertCan(principal, 'guardrails.list', { orgId, workspaceId: ws?._id });
      if (ws) page = await guardrails.find('byWorkspace', { eq: { orgId, workspaceId: ws._id }, skip, limit });
      else {
        const withOrgLevel = can(principal, 'organisation_guardrails.list', { orgId }).allow;
        page = await guardrails.find('byOrg', { eq: { orgId }, ...(withOrgLevel ? {} : { where: { workspaceId: { $ne: null } } }), skip, limit });
      }
    }
    return { object: 'list', total: page.total, data: page.docs.map(toGuardrailSummaryView) };
  }
}
