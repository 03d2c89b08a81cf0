import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal, can } from '#libs/authz';
import type { IntegrationView, ListIntegrationsQuery, ListResponse, RequestContext } from '#libs/contracts';
import { toIntegrationView, type IntegrationDoc } from '#libs/projections';
import { PROJECTIONS, type FindQuery, type ProjectionHost, type ReadCollection } from '#libs/read-models';
import { denied, targetWorkspace } from '../../shared/workspace-target.js';

const DEFAULT_PAGE_SIZE = 100;

type Part = { index: string; eq: FindQuery['eq'] };

/**
 * GET /integrations: organisation integrations, workspace-scoped ones (of the named workspace, or
 * the caller's; an admin key naming none sees every workspace's), or both (`type=all`, the
 * default), as far as the caller may list each kind. Private integrations never appear.
 */
@Injectable()
export class ListIntegrationsHandler {
  constructor(@Inject(PROJECTIONS) private readonly projections: ProjectionHost) {}

  async execute(query: ListIntegrationsQuery, context: RequestContext): Promise<ListResponse<IntegrationView>> {
    const principal = authPrincipal(context);
    const type = query.type ?? 'all';
    const ws = await targetWorkspace(this.projections, principal, query.workspace_id, context, 'none');
    const orgId = principal.orgId;
    const wantOrg = type !== 'workspace';
    const wantWs = type !== 'organisation';
    const orgDecision = can(principal, 'organisation_integrations.list', { orgId });
    const wsDecision = can(principal, 'workspace_integrations.list', { orgId, workspaceId: ws?._id ?? null });
    const listOrg = wantOrg && orgDecision.allow;
    const listWs = wantWs && wsDecision.allow;
    if (!listOrg && !listWs) {
      const refusal = (wantWs ? wsDecision : orgDecision) as { reason: string; missing?: string };
      throw denied(refusal.reason, refusal.missing);
    }
    const parts: Part[] = [];
    if (listOrg && listWs && !ws) parts.push({ index: 'byOrg', eq: { orgId, private: false } });
    else {
      if (listOrg) parts.push({ index: 'byWorkspace', eq: { orgId, private: false, workspaceId: null } });
      if (listWs) parts.push(ws ? { index: 'byWorkspace', eq: { orgId, private: false, workspaceId: ws._id } } : { index: 'byScope', eq: { orgId, private: false, scope: 'workspace' } });
    }
    const limit = query.page_size ?? DEFAULT_PAGE_SIZE;
    const { total, docs } = await pageAcross(this.projections.collection<IntegrationDoc>('integrations'), parts, (query.current_page ?? 0) * limit, limit);
    return { object: 'list', total, data: docs.map(toIntegrationView) };
  }
}

/** One page over the concatenation of several index ranges, each served by its index. */
async function pageAcross(collection: ReadCollection<IntegrationDoc>, parts: Part[], skip: number, limit: number) {
  const counts = await Promise.all(parts.map((p) => collection.count(p.index, p.eq)));
  const docs: IntegrationDoc[] = [];
  let offset = skip;
  for (const [i, part] of parts.entries()) {
    if (offset >= counts[i]!) {
      offset -= counts[i]!;
      continue;
    }
    if (docs.length >= limit) break;
    const page = await collection.find(part.index, { eq: part.eq, skip: offset, limit: limit - docs.length });
    docs.push(...page.docs);
    offset = 0;
  }
  return { total: counts.reduce((a, b) => a + b, 0), docs };
}
