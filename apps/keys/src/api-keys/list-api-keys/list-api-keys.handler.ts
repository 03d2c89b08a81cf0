import { Inject, Injectable } from '@nestjs/common';
import { authPrincipal, can } from '#libs/authz';
import { DomainError, pageOf, type ApiKeyType, type ApiKeyView, type ListApiKeysQuery, type ListResponse, type RequestContext } from '#libs/contracts';
import { PROJECTIONS, type ProjectionHost } from '#libs/read-models';
import { keyDenied } from '../domain/api-key.errors.js';
import { keyAction } from '../key-actions.js';
import { KeyAccess } from '../key-access.js';
import { toApiKeyView, type ApiKeyDoc } from '#libs/projections';

const TYPES: ApiKeyType[] = ['organisation-service', 'workspace-service', 'workspace-user'];

/**
 * GET /api-keys: every type the caller may list, in the workspace it names (admin keys) or its
 * own (workspace keys). Listing needs the `.list` scope of at least one key type.
 */
@Injectable()
export class ListApiKeysHandler {
  constructor(
    @Inject(PROJECTIONS) private readonly projections: ProjectionHost,
    private readonly access: KeyAccess,
  ) {}

  async execute(query: ListApiKeysQuery, context: RequestContext): Promise<ListResponse<ApiKeyView>> {
    const principal = authPrincipal(context);
    await this.projections.waitFor(context.minPosition);
    let workspaceId: string | null = principal.keyType === 'organisation-service' ? null : principal.workspaceId;
    if (query.workspace_id && principal.keyType === 'organisation-service') {
      const ws = await this.access.workspace(query.workspace_id, principal.orgId);
      if (!ws) throw new DomainError('KEYS.WORKSPACE_NOT_FOUND', `workspace ${query.workspace_id} was not found`, 403, { errorCode: 'AB03' });
      workspaceId = ws._id;
    }
    const resource = { orgId: principal.orgId, workspaceId };
    const decisions = TYPES.map((t) => [t, can(principal, keyAction(t, 'list'), resource)] as const);
    const listable = decisions.filter(([, d]) => d.allow).map(([t]) => t);
    if (!listable.length) {
      const denial = decisions.find(([t]) => t !== 'organisation-service')?.[1] ?? decisions[0]![1];
      throw keyDenied(denial.allow ? 'not allowed' : denial.reason, denial.allow ? undefined : denial.missing);
    }
    const { skip, limit } = pageOf(query.page_size, query.current_page);
    const keys = this.projections.collection<ApiKeyDoc>('api_keys');
    const { total, docs } = workspaceId
      ? await keys.find('byWorkspaceType', { eq: { orgId: principal.orgId, workspaceId, type: listable }, skip, limit })
      : await keys.find('byOrgType', { eq: { orgId: principal.orgId, type: listable }, skip, limit });
    return { object: 'list', total, data: docs.map(toApiKeyView) };
  }
}
